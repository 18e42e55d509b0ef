CREATE TABLE `achievements` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`criteria` text NOT NULL,
	`tags` text NOT NULL,
	`skill_area` text NOT NULL,
	`alignment` text NOT NULL,
	`rule` text,
	`requires` text NOT NULL,
	`tier` text NOT NULL,
	`image` text,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `achievements_org_key` ON `achievements` (`organisation_id`,`key`);--> statement-breakpoint
CREATE TABLE `awards` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`achievement_id` text NOT NULL,
	`workshop_id` text,
	`participant_id` text,
	`learner_id` text,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`why` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`achievement_id`) REFERENCES `achievements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `awards_workshop` ON `awards` (`workshop_id`,`status`);--> statement-breakpoint
CREATE INDEX `awards_participant` ON `awards` (`participant_id`);--> statement-breakpoint
CREATE INDEX `awards_learner` ON `awards` (`learner_id`);--> statement-breakpoint
CREATE INDEX `awards_org` ON `awards` (`organisation_id`,`status`);--> statement-breakpoint
CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`award_id` text,
	`organisation_id` text NOT NULL,
	`learner_id` text,
	`kind` text NOT NULL,
	`json` text NOT NULL,
	`status_list` text NOT NULL,
	`status_index` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`revoked_at` integer,
	`revoke_reason` text,
	`shown` integer NOT NULL,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `credentials_learner` ON `credentials` (`learner_id`);--> statement-breakpoint
CREATE INDEX `credentials_org` ON `credentials` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `issuer_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`public_key_multibase` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `issuer_keys_org` ON `issuer_keys` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `learner_devices` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `learner_devices_learner` ON `learner_devices` (`learner_id`);--> statement-breakpoint
CREATE TABLE `learner_links` (
	`participant_id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`workshop_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `learner_links_learner` ON `learner_links` (`learner_id`);--> statement-breakpoint
CREATE TABLE `learners` (
	`id` text PRIMARY KEY NOT NULL,
	`recovery_hash` text NOT NULL,
	`email_hash` text,
	`email_salt` text,
	`wallet_did` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `learners_recovery_hash_unique` ON `learners` (`recovery_hash`);--> statement-breakpoint
CREATE TABLE `organisation_members` (
	`organisation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `user_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `organisation_members_user` ON `organisation_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`description` text NOT NULL,
	`logo` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `share_links` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`credential_ids` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `share_links_learner` ON `share_links` (`learner_id`);--> statement-breakpoint
CREATE TABLE `status_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`key_id` text NOT NULL,
	`purpose` text NOT NULL,
	`bits` blob NOT NULL,
	`next_index` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `status_lists_org` ON `status_lists` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `workshop_organisations` (
	`workshop_id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
