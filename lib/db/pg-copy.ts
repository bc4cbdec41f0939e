import type pg from "pg";

// COPY ... TO STDOUT and COPY ... FROM STDIN on the `pg` driver without pg-copy-streams: `pg` hands every message of the active
// query to whatever object was submitted (CopyData, CommandComplete, ErrorResponse, ReadyForQuery), so a submittable that
// speaks the two copy sub-protocols is all it takes. Both answer only after ReadyForQuery, when the connection is free again.

type CopyConnection = pg.Connection & {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
};

function isCopyConnection(connection: pg.Connection): connection is CopyConnection {
  return typeof (connection as Partial<CopyConnection>).sendCopyFromChunk === "function";
}

/** Where COPY TO's rows go: `write` answers false when full, and `drain` says when it has room again (a Writable fits). */
export type CopySink = { write(chunk: Buffer): boolean; once(event: "drain", listener: () => void): unknown };

abstract class CopySubmittable implements pg.Submittable {
  readonly done: Promise<number>;
  private settle!: { resolve: (rows: number) => void; reject: (error: Error) => void };
  private rows = 0;
  private error: Error | null = null;
  protected connection: CopyConnection | null = null;

  constructor(private readonly sql: string) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: pg.Connection): void {
    if (!isCopyConnection(connection)) throw new Error("this version of pg has no COPY support");
    this.connection = connection;
    connection.query(this.sql);
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rows = Number(/\d+$/.exec(message.text ?? "")?.[0] ?? 0);
  }

  // pg forgets the active query on an error, so the error settles the copy at once rather than at ReadyForQuery.
  handleError(error: Error): void {
    this.error = error;
    this.stopped();
    this.settle.reject(error);
  }

  handleReadyForQuery(): void {
    if (this.error) return;
    this.settle.resolve(this.rows);
  }

  handleEmptyQuery(): void {}
  // COPY FROM's submittable receives no rows.
  handleCopyData(message: { chunk: Buffer }): void {
    void message;
  }
  handleCopyInResponse(): void {
    this.connection?.sendCopyFail("this statement takes no input");
  }
  protected stopped(): void {}
}

class CopyOut extends CopySubmittable {
  constructor(
    sql: string,
    private readonly onChunk: (chunk: Buffer) => boolean,
  ) {
    super(sql);
  }

  // A sink that is full (a file writing slower than the server sends) pauses the socket until it drains.
  override handleCopyData(message: { chunk: Buffer }): void {
    const stream = this.connection?.stream;
    if (this.onChunk(message.chunk) || !stream || stream.isPaused()) return;
    stream.pause();
    this.waitForDrain().then(() => stream.resume());
  }

  waitForDrain: () => Promise<void> = async () => {};
}

class CopyIn extends CopySubmittable {
  private isStopped = false;

  constructor(
    sql: string,
    private readonly source: AsyncIterable<Buffer>,
  ) {
    super(sql);
  }

  override handleCopyInResponse(): void {
    void this.pump();
  }

  protected override stopped(): void {
    this.isStopped = true;
  }

  private async pump(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    try {
      for await (const chunk of this.source) {
        if (this.isStopped) return;
        connection.sendCopyFromChunk(chunk);
        if (connection.stream.writableNeedDrain) await new Promise((resolve) => connection.stream.once("drain", resolve));
      }
      connection.endCopyFrom();
    } catch (error) {
      // The server answers CopyFail with an error, which settles the copy with this message.
      connection.sendCopyFail(error instanceof Error ? error.message : String(error));
    }
  }
}

/** Runs `COPY ... TO STDOUT` into `sink` (one row per chunk, in COPY's text format), pausing while it is full; answers the rows copied. */
export function copyOut(client: pg.Client, sql: string, sink: CopySink): Promise<number> {
  const copy = new CopyOut(sql, (chunk) => sink.write(chunk));
  copy.waitForDrain = () => new Promise((resolve) => sink.once("drain", () => resolve()));
  return client.query(copy).done;
}

/** Runs `COPY ... FROM STDIN` with the bytes of `source`; answers the rows copied. A failing source aborts the COPY. */
export function copyIn(client: pg.Client, sql: string, source: AsyncIterable<Buffer>): Promise<number> {
  return client.query(new CopyIn(sql, source)).done;
}
