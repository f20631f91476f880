CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"file_name" text,
	"format" text NOT NULL,
	"department_count" integer NOT NULL,
	"new_department_count" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_systems" (
	"id" serial PRIMARY KEY NOT NULL,
	"system_id" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_departments" (
	"round_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	CONSTRAINT "round_departments_round_id_department_id_pk" PRIMARY KEY("round_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"system_version_id" integer NOT NULL,
	"policy" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"show_ranking_to_departments" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rounds_slug_unique" UNIQUE("slug"),
	CONSTRAINT "rounds_status" CHECK ("rounds"."status" in ('open', 'locked')),
	CONSTRAINT "rounds_policy" CHECK ("rounds"."policy" in ('cohort-in-band', 'cohort-all', 'thresholds'))
);
--> statement-breakpoint
CREATE TABLE "score_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"system_version_id" integer NOT NULL,
	"policy" text NOT NULL,
	"reason" text NOT NULL,
	"submission_versions" jsonb NOT NULL,
	"scores" jsonb NOT NULL,
	"import_batch_id" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshot_results" (
	"snapshot_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"group_name" text NOT NULL,
	"total" numeric(7, 2) NOT NULL,
	"rank" integer NOT NULL,
	"tied" boolean NOT NULL,
	CONSTRAINT "snapshot_results_snapshot_id_department_id_pk" PRIMARY KEY("snapshot_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"version" integer NOT NULL,
	"is_current" boolean NOT NULL,
	"status" text NOT NULL,
	"data" jsonb NOT NULL,
	"comment" text,
	"import_batch_id" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_status" CHECK ("submissions"."status" in ('draft', 'submitted', 'returned', 'accepted')),
	CONSTRAINT "submissions_version" CHECK ("submissions"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_departments" ADD CONSTRAINT "round_departments_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_departments" ADD CONSTRAINT "round_departments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_departments" ADD CONSTRAINT "round_departments_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_system_version_id_indicator_systems_id_fk" FOREIGN KEY ("system_version_id") REFERENCES "public"."indicator_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD CONSTRAINT "score_snapshots_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD CONSTRAINT "score_snapshots_system_version_id_indicator_systems_id_fk" FOREIGN KEY ("system_version_id") REFERENCES "public"."indicator_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD CONSTRAINT "score_snapshots_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_results" ADD CONSTRAINT "snapshot_results_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_results" ADD CONSTRAINT "snapshot_results_snapshot_id_score_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."score_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "groups_round_name" ON "groups" USING btree ("round_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_systems_system_version" ON "indicator_systems" USING btree ("system_id","version");--> statement-breakpoint
CREATE INDEX "score_snapshots_round" ON "score_snapshots" USING btree ("round_id","id");--> statement-breakpoint
CREATE INDEX "snapshot_results_department" ON "snapshot_results" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_round_department_version" ON "submissions" USING btree ("round_id","department_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_one_current" ON "submissions" USING btree ("round_id","department_id") WHERE "submissions"."is_current";