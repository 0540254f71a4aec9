export function chromiumPath(): string;
export function chromiumInstalled(): boolean;
export const chromiumLaunchArgs: string[];
