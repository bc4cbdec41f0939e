import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareSchemas, readDmmf } from "@/lib/db/drift";
import { expectedSchema } from "@/lib/db/drift-model";
import { defaultName, normaliseDefault, type SchemaShape } from "@/lib/db/drift-shape";

function modelOf(body: string): SchemaShape {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "drift-unit-")), "schema.prisma");
  writeFileSync(file, `datasource db {\n  provider = "postgresql"\n}\n\n${body}`);
  return expectedSchema(readDmmf(file));
}

describe("normaliseDefault", () => {
  it.each([
    [null, null],
    [`nextval('"A_id_seq"'::regclass)`, "autoincrement()"],
    ["CURRENT_TIMESTAMP", "now()"],
    ["now()", "now()"],
    [`'free'::"Plan"`, "'free'"],
    ["'it''s'::text", "'it''s'"],
    ["'x'::character varying", "'x'"],
    ["'{}'::jsonb", "'{}'"],
    ["ARRAY['a'::text, 'b'::text]", "ARRAY['a', 'b']"],
    ["ARRAY[]::text[]", "ARRAY[]"],
    ["'-1'::integer", "-1"],
    ["1.5", "1.5"],
    ["true", "true"],
    ["gen_random_uuid()", "gen_random_uuid()"],
  ])("%s -> %s", (catalog, expected) => {
    expect(normaliseDefault(catalog)).toBe(expected);
  });
});

describe("defaultName", () => {
  it("follows Prisma's naming", () => {
    expect(defaultName("User", ["id"], "pkey")).toBe("User_pkey");
    expect(defaultName("Membership", ["organizationId", "userId"], "key")).toBe("Membership_organizationId_userId_key");
    expect(defaultName("AuditLog", ["createdAt"], "idx")).toBe("AuditLog_createdAt_idx");
    expect(defaultName("Account", ["userId"], "fkey")).toBe("Account_userId_fkey");
  });

  it("cuts long names to PostgreSQL's 63 characters, keeping the suffix", () => {
    const name = defaultName("VeryLongTableNameForTesting", ["aVeryLongColumnName", "anotherVeryLongColumnName"], "idx");
    expect(name).toHaveLength(63);
    expect(name.endsWith("_idx")).toBe(true);
  });
});

describe("expectedSchema", () => {
  it("maps each scalar, native, enum and list type to the column type Prisma's migrations create", () => {
    const table = modelOf(`
enum Color {
  red   @map("RED")
  green
  @@map("colors")
}

model Thing {
  id      BigInt   @id @default(autoincrement())
  s       String   @map("s_col")
  i       Int
  b       Boolean
  dt      DateTime
  tz      DateTime @db.Timestamptz(3)
  j       Json
  f       Float
  d       Decimal
  bytes   Bytes
  u       String   @db.Uuid
  v       String   @db.VarChar(20)
  tags    String[]
  colors  Color[]
  color   Color?
  @@map("things")
}`).tables.get("things")!;
    const types = Object.fromEntries([...table.columns].map(([name, column]) => [name, column.type]));
    expect(types).toEqual({
      id: "bigint",
      s_col: "text",
      i: "integer",
      b: "boolean",
      dt: "timestamp(3) without time zone",
      tz: "timestamp(3) with time zone",
      j: "jsonb",
      f: "double precision",
      d: "numeric(65,30)",
      bytes: "bytea",
      u: "uuid",
      v: "character varying(20)",
      tags: "text[]",
      colors: "colors[]",
      color: "colors",
    });
    expect(table.columns.get("color")!.isNullable).toBe(true);
    expect(table.columns.get("i")!.isNullable).toBe(false);
    expect(table.columns.get("tags")!.isNullable).toBeNull();
  });

  it("renders database defaults and leaves out the ones Prisma Client generates", () => {
    const columns = modelOf(`
enum Plan {
  free
  paid @map("PAID")
}

model Thing {
  id        String   @id @default(uuid())
  cuid      String   @default(cuid())
  n         Int      @default(autoincrement())
  created   DateTime @default(now())
  updated   DateTime @updatedAt
  s         String   @default("it's")
  count     Int      @default(-1)
  ratio     Float    @default(0.5)
  flag      Boolean  @default(false)
  plan      Plan     @default(paid)
  meta      Json     @default("{}")
  tags      String[] @default(["a", "b"])
  generated String   @default(dbgenerated("gen_random_uuid()::text"))
}`).tables.get("Thing")!.columns;
    const defaults = Object.fromEntries([...columns].map(([name, column]) => [name, column.default]));
    expect(defaults).toEqual({
      id: null,
      cuid: null,
      n: "autoincrement()",
      created: "now()",
      updated: null,
      s: "'it''s'",
      count: "-1",
      ratio: "0.5",
      flag: "false",
      plan: "'PAID'",
      meta: "'{}'",
      tags: "ARRAY['a', 'b']",
      generated: "gen_random_uuid()",
    });
  });

  it("names keys and indexes as Prisma does, honouring map:", () => {
    const tables = modelOf(`
model Parent {
  id       Int     @id(map: "parent_pk")
  code     String  @unique
  children Child[]
}

model Child {
  a        Int
  b        Int
  parentId Int?
  parent   Parent? @relation(fields: [parentId], references: [id])
  @@id([a, b])
  @@unique([a, parentId], map: "child_a_parent")
  @@index([parentId, b(sort: Desc)])
  @@index([b], type: Hash)
}`).tables;
    const parent = tables.get("Parent")!;
    const child = tables.get("Child")!;
    expect(parent.primaryKey).toEqual({ name: "parent_pk", columns: ["id"] });
    expect([...parent.indexes]).toEqual([["Parent_code_key", { columns: ["code"], isUnique: true, algorithm: "btree", predicate: null }]]);
    expect(child.primaryKey).toEqual({ name: "Child_pkey", columns: ["a", "b"] });
    expect([...child.indexes.keys()].sort()).toEqual(["Child_b_idx", "Child_parentId_b_idx", "child_a_parent"]);
    expect(child.indexes.get("Child_parentId_b_idx")).toMatchObject({ columns: ["parentId", "b DESC"], algorithm: "btree" });
    expect(child.indexes.get("Child_b_idx")).toMatchObject({ columns: ["b"], algorithm: "hash" });
    // An optional relation without onDelete: SetNull; onUpdate: Cascade.
    expect(child.foreignKeys).toEqual([
      { name: "Child_parentId_fkey", columns: ["parentId"], referencedTable: "Parent", referencedColumns: ["id"], onDelete: "SetNull", onUpdate: "Cascade" },
    ]);
  });

  it("includes the join table of an implicit many-to-many relation", () => {
    const join = modelOf(`
model Post {
  id   Int   @id
  tags Tag[]
}

model Tag {
  id    String @id
  posts Post[]
}`).tables.get("_PostToTag")!;
    expect([...join.columns]).toEqual([
      ["A", { type: "integer", isNullable: false, default: null }],
      ["B", { type: "text", isNullable: false, default: null }],
    ]);
    expect(join.primaryKey).toEqual({ name: "_PostToTag_AB_pkey", columns: ["A", "B"] });
    expect([...join.indexes.keys()]).toEqual(["_PostToTag_B_index"]);
    expect(join.foreignKeys.map((fk) => `${fk.columns[0]}->${fk.referencedTable}:${fk.onDelete}`)).toEqual(["A->Post:Cascade", "B->Tag:Cascade"]);
  });
});

describe("compareSchemas", () => {
  it("finds nothing between a schema and itself", () => {
    const shape = modelOf(`
model A {
  id Int @id
}`);
    expect(
      compareSchemas(
        shape,
        modelOf(`
model A {
  id Int @id
}`),
      ),
    ).toEqual([]);
  });

  it("ignores nullability of scalar lists, which Prisma creates nullable", () => {
    const expected = modelOf(`
model A {
  id   Int      @id
  tags String[]
}`);
    const actual = structuredClone(expected);
    actual.tables.get("A")!.columns.get("tags")!.isNullable = false;
    expect(compareSchemas(expected, actual)).toEqual([]);
  });
});
