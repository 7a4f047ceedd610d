import { expect } from 'chai';
import { guardedLookup, isForbiddenAddress, webhookUrlFault } from '@cws/adapter-webhook-http';

describe('webhook address guard', function () {
  it('allows public addresses', function () {
    for (const address of ['8.8.8.8', '1.1.1.1', '93.184.215.14', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e']) {
      expect(isForbiddenAddress(address), address).to.equal(false);
    }
  });

  it('refuses loopback, private, link-local, CGNAT, reserved, mapped and multicast addresses', function () {
    for (const address of ['127.0.0.1', '127.255.0.9', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.1', '::', '::1', '::a00:1', '::ffff:127.0.0.1', '::ffff:8.8.8.8', '64:ff9b::a00:1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1', 'not-an-address']) {
      expect(isForbiddenAddress(address), address).to.equal(true);
    }
  });

  it('asks https of production URLs and allows http only when insecure is allowed', function () {
    expect(webhookUrlFault(new URL('https://hooks.example.com/x?y=1'), false)).to.equal(null);
    expect(webhookUrlFault(new URL('http://hooks.example.com/x'), false)).to.match(/https/);
    expect(webhookUrlFault(new URL('http://127.0.0.1:8080/x'), true)).to.equal(null);
    expect(webhookUrlFault(new URL('https://[::1]/x'), false)).to.match(/private/);
    expect(webhookUrlFault(new URL('https://0x7f.1/x'), false)).to.match(/private/); // the URL parser normalises it to 127.0.0.1
  });

  it('a lookup that resolves to loopback fails the connection with the guard code', async function () {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('localhost', { all: true }, (e) => resolve(e)));
    expect(error?.code).to.equal('ECWS_FORBIDDEN_ADDRESS');
  });
});
