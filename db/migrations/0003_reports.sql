CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "department_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL,
	"earlier_id" integer NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" text,
	"remove_reason" text,
	CONSTRAINT "department_links_not_self" CHECK ("department_links"."department_id" <> "department_links"."earlier_id")
);
--> statement-breakpoint
ALTER TABLE "department_links" ADD CONSTRAINT "department_links_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_links" ADD CONSTRAINT "department_links_earlier_id_departments_id_fk" FOREIGN KEY ("earlier_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "department_links_one_successor" ON "department_links" USING btree ("earlier_id") WHERE "department_links"."removed_at" is null;