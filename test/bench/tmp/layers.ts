import { startApiStack } from '../src/api-stack-setup.js';
import { benchOptions } from '../src/bench-options.js';
import { measureLayerCost } from '../src/layer-cost.js';
const stack = await startApiStack(benchOptions(), console.log);
for (let i = 0; i < 2; i++) await measureLayerCost(stack, console.log, { calls: 1000, reps: 5 });
await stack.close();
process.exit(0);
