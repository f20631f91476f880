CREATE TABLE "evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"indicator" text NOT NULL,
	"reviewer_id" integer,
	"score" numeric(7, 2) NOT NULL,
	"comment" text,
	"is_current" boolean NOT NULL,
	"import_batch_id" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"number" integer NOT NULL,
	"snapshot_id" integer NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" text,
	"withdraw_reason" text
);
--> statement-breakpoint
CREATE TABLE "round_reviewers" (
	"round_id" integer NOT NULL,
	"reviewer_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_reviewers_round_id_reviewer_id_department_id_pk" PRIMARY KEY("round_id","reviewer_id","department_id")
);
--> statement-breakpoint
ALTER TABLE "rounds" DROP CONSTRAINT "rounds_status";--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role";--> statement-breakpoint
ALTER TABLE "rounds" ALTER COLUMN "status" SET DEFAULT 'collecting';--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "panel_rule" text DEFAULT 'mean' NOT NULL;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "spread_threshold" numeric(7, 2);--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD COLUMN "engine_version" text;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD COLUMN "app_version" text;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD COLUMN "panel_rule" text;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD COLUMN "evaluations" jsonb;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_snapshot_id_score_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."score_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_reviewers" ADD CONSTRAINT "round_reviewers_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_reviewers" ADD CONSTRAINT "round_reviewers_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_reviewers" ADD CONSTRAINT "round_reviewers_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_one_current" ON "evaluations" USING btree ("round_id","department_id","indicator",coalesce("reviewer_id", 0)) WHERE "evaluations"."is_current";--> statement-breakpoint
CREATE INDEX "evaluations_round" ON "evaluations" USING btree ("round_id","department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "publications_round_number" ON "publications" USING btree ("round_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "publications_snapshot" ON "publications" USING btree ("snapshot_id");--> statement-breakpoint
CREATE INDEX "round_reviewers_department" ON "round_reviewers" USING btree ("round_id","department_id");--> statement-breakpoint
-- Data (issue 9), between dropping the old status check and adding the new one.
-- Round statuses: open → collecting. A locked round had no snapshot with explanations and engine
-- version to freeze its pages on, so it becomes 评审中 (departments can no longer change it) until
-- the bureau publishes it; the audit log says so.
UPDATE "rounds" SET "status" = 'collecting' WHERE "status" = 'open';--> statement-breakpoint
INSERT INTO "audit_log" ("actor", "action", "round_id", "round_slug", "before", "after")
  SELECT 'migration', 'round.status', "id", "slug", '{"status":"locked"}'::jsonb,
         '{"status":"reviewing","reason":"轮次状态改为 填报中/评审中/已发布：原“已锁定”的轮次转为“评审中”，发布后成绩冻结"}'::jsonb
  FROM "rounds" WHERE "status" = 'locked';--> statement-breakpoint
UPDATE "rounds" SET "status" = 'reviewing' WHERE "status" = 'locked';--> statement-breakpoint
-- Evaluations: judgement scores the bureau gave (in its imports, and adjusted in review) become
-- bureau evaluations, oldest first, the latest of each leaf current. Scores typed by departments
-- in the web form were never evaluations: those leaves are pending until evaluated.
INSERT INTO "evaluations" ("round_id", "department_id", "indicator", "reviewer_id", "score", "comment", "is_current", "import_batch_id", "created_by", "created_at")
  SELECT s."round_id", s."department_id", j."key", NULL, (j."value" #>> '{}')::numeric, NULL, false, s."import_batch_id", s."created_by", s."created_at"
  FROM "submissions" s, jsonb_each(coalesce(s."data"->'judgements', '{}'::jsonb)) j
  WHERE s."import_batch_id" IS NOT NULL
  ORDER BY s."created_at", s."id";--> statement-breakpoint
INSERT INTO "evaluations" ("round_id", "department_id", "indicator", "reviewer_id", "score", "comment", "is_current", "import_batch_id", "created_by", "created_at")
  SELECT s."round_id", s."department_id", a."indicator", NULL, a."after"::numeric, a."reason", false, NULL, a."created_by", a."created_at"
  FROM "review_adjustments" a JOIN "submissions" s ON s."id" = a."submission_id"
  ORDER BY a."created_at", a."id";--> statement-breakpoint
UPDATE "evaluations" SET "is_current" = true WHERE "id" IN (
  SELECT DISTINCT ON ("round_id", "department_id", "indicator") "id" FROM "evaluations"
  ORDER BY "round_id", "department_id", "indicator", "created_at" DESC, "id" DESC);--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_panel_rule" CHECK ("rounds"."panel_rule" in ('mean', 'trimmed-mean'));--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_status" CHECK ("rounds"."status" in ('collecting', 'reviewing', 'published'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role" CHECK ("users"."role" in ('admin', 'leader', 'department', 'reviewer'));