import type http from "node:http";

export declare const METHOD_HEADER: string;
export declare const ROUTED_METHODS: ReadonlySet<string>;
export declare const REQUEST_TIMEOUT_MS: number;
export declare function prepareRequest(request: http.IncomingMessage): void;
export declare function decodablePath(url: string): string;
export declare function rawProblem(status: number, code: string, title: string, detail: string, extra?: Record<string, string>): string;
export declare function hardenServer<S extends http.Server>(server: S): S;
