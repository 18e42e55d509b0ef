CREATE TABLE `hackathon_awards` (
	`hack_id` text NOT NULL,
	`team_id` text NOT NULL,
	`kind` text NOT NULL,
	`place` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`hack_id`, `team_id`, `kind`),
	FOREIGN KEY (`hack_id`) REFERENCES `hackathon_hacks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `hackathon_teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `hackathon_challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`hack_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`partner` text NOT NULL,
	`image` blob,
	`image_type` text,
	`position` real NOT NULL,
	FOREIGN KEY (`hack_id`) REFERENCES `hackathon_hacks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hackathon_challenges_hack` ON `hackathon_challenges` (`hack_id`);--> statement-breakpoint
CREATE TABLE `hackathon_comments` (
	`juror_id` text NOT NULL,
	`team_id` text NOT NULL,
	`hack_id` text NOT NULL,
	`comment` text NOT NULL,
	PRIMARY KEY(`juror_id`, `team_id`),
	FOREIGN KEY (`juror_id`) REFERENCES `hackathon_jurors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `hackathon_teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `hackathon_hacks` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`settings` text NOT NULL,
	`stages` text NOT NULL,
	`criteria` text NOT NULL,
	`pitch_team_id` text,
	`pitch_started_at` integer,
	`judging_closed_at` integer,
	`voting_open` integer DEFAULT false NOT NULL,
	`voting_revealed` integer DEFAULT false NOT NULL,
	`ceremony` text,
	`ceremony_step` integer,
	`showcase_token` text,
	`last_match` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `hackathon_jurors` (
	`id` text PRIMARY KEY NOT NULL,
	`hack_id` text NOT NULL,
	`workshop_id` text NOT NULL,
	`name` text NOT NULL,
	`token` text NOT NULL,
	`team_ids` text,
	`done_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hack_id`) REFERENCES `hackathon_hacks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hackathon_jurors_hack` ON `hackathon_jurors` (`hack_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `hackathon_jurors_token` ON `hackathon_jurors` (`token`);--> statement-breakpoint
CREATE TABLE `hackathon_members` (
	`team_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`hack_id` text NOT NULL,
	`showcase` integer DEFAULT false NOT NULL,
	`show_name` integer DEFAULT false NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `participant_id`),
	FOREIGN KEY (`team_id`) REFERENCES `hackathon_teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hackathon_members_person` ON `hackathon_members` (`hack_id`,`participant_id`);--> statement-breakpoint
CREATE TABLE `hackathon_profiles` (
	`hack_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`skills` text NOT NULL,
	`interests` text NOT NULL,
	`tags` text NOT NULL,
	`challenges` text NOT NULL,
	`match_me` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`hack_id`, `participant_id`),
	FOREIGN KEY (`hack_id`) REFERENCES `hackathon_hacks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `hackathon_scores` (
	`juror_id` text NOT NULL,
	`team_id` text NOT NULL,
	`hack_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`juror_id`, `team_id`, `criterion_id`),
	FOREIGN KEY (`juror_id`) REFERENCES `hackathon_jurors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `hackathon_teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hackathon_scores_hack` ON `hackathon_scores` (`hack_id`);--> statement-breakpoint
CREATE TABLE `hackathon_teams` (
	`id` text PRIMARY KEY NOT NULL,
	`hack_id` text NOT NULL,
	`workshop_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`challenge_id` text,
	`stage_id` text NOT NULL,
	`checked` text NOT NULL,
	`title` text NOT NULL,
	`code_url` text NOT NULL,
	`video_url` text NOT NULL,
	`submitted_at` integer,
	`approved` text,
	`approved_at` integer,
	`changed_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hack_id`) REFERENCES `hackathon_hacks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hackathon_teams_hack` ON `hackathon_teams` (`hack_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `hackathon_teams_name` ON `hackathon_teams` (`hack_id`,`name_key`);--> statement-breakpoint
CREATE TABLE `hackathon_votes` (
	`hack_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`team_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`hack_id`, `participant_id`),
	FOREIGN KEY (`hack_id`) REFERENCES `hackathon_hacks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `hackathon_teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hackathon_votes_team` ON `hackathon_votes` (`team_id`);