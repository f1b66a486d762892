CREATE TABLE "dataset_file_parts" (
	"sha256" text NOT NULL,
	"part" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "dataset_file_parts_sha256_part_pk" PRIMARY KEY("sha256","part")
);
--> statement-breakpoint
-- Files stored whole before this are moved into parts of 1 MiB, as new ones are written.
INSERT INTO "dataset_file_parts" ("sha256", "part", "bytes")
SELECT f."sha256", p.part, substring(f."bytes" FROM p.part * 1048576 + 1 FOR 1048576)
FROM "dataset_files" f, generate_series(0, greatest(ceil(octet_length(f."bytes") / 1048576.0)::int - 1, 0)) AS p(part);--> statement-breakpoint
ALTER TABLE "dataset_files" DROP COLUMN "bytes";