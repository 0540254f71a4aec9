export function nginxPath(): string;
export function nginxInstalled(): boolean;
