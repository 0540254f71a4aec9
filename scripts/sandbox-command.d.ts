export const sandboxArgs: string[];
export const sandboxCommand: string;
