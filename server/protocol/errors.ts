// The one error envelope every endpoint answers with.
export interface ErrorEnvelope {
  error: { code: string; message: string; status: number };
}
