/** The error code `work` fails with (a SQLSTATE or an AppError code), or null when it succeeds. */
export async function failureCode(work: () => Promise<unknown>): Promise<string | null> {
  return work().then(
    () => null,
    (err: { code?: string }) => err.code ?? String(err),
  );
}
