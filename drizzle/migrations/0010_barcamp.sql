CREATE TABLE `barcamp_camps` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`settings` text NOT NULL,
	`pitch_proposal_id` text,
	`pitch_started_at` integer,
	`published_at` integer,
	`last_plan` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `barcamp_checkins` (
	`camp_id` text NOT NULL,
	`slot_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`proposal_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`slot_id`, `participant_id`),
	FOREIGN KEY (`camp_id`) REFERENCES `barcamp_camps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `barcamp_proposals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `barcamp_checkins_proposal` ON `barcamp_checkins` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `barcamp_interest` (
	`proposal_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`camp_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`proposal_id`, `participant_id`),
	FOREIGN KEY (`proposal_id`) REFERENCES `barcamp_proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `barcamp_interest_camp` ON `barcamp_interest` (`camp_id`);--> statement-breakpoint
CREATE INDEX `barcamp_interest_participant` ON `barcamp_interest` (`participant_id`);--> statement-breakpoint
CREATE TABLE `barcamp_placements` (
	`proposal_id` text PRIMARY KEY NOT NULL,
	`camp_id` text NOT NULL,
	`room_id` text NOT NULL,
	`slot_id` text NOT NULL,
	`pinned` integer NOT NULL,
	`moved_at` integer,
	`from_room_id` text,
	`from_slot_id` text,
	FOREIGN KEY (`proposal_id`) REFERENCES `barcamp_proposals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `barcamp_placements_camp` ON `barcamp_placements` (`camp_id`);--> statement-breakpoint
CREATE TABLE `barcamp_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`camp_id` text NOT NULL,
	`workshop_id` text NOT NULL,
	`author_id` text NOT NULL,
	`author_role` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`format` text NOT NULL,
	`needs` text NOT NULL,
	`cohosts` text NOT NULL,
	`anonymous` integer NOT NULL,
	`status` text NOT NULL,
	`reject_reason` text,
	`merged_into` text,
	`hosted_by` text,
	`position` real NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`camp_id`) REFERENCES `barcamp_camps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `barcamp_proposals_camp` ON `barcamp_proposals` (`camp_id`,`position`);--> statement-breakpoint
CREATE INDEX `barcamp_proposals_author` ON `barcamp_proposals` (`author_id`);--> statement-breakpoint
CREATE TABLE `barcamp_rooms` (
	`id` text PRIMARY KEY NOT NULL,
	`camp_id` text NOT NULL,
	`name` text NOT NULL,
	`capacity` integer NOT NULL,
	`features` text NOT NULL,
	`position` real NOT NULL,
	FOREIGN KEY (`camp_id`) REFERENCES `barcamp_camps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `barcamp_rooms_camp` ON `barcamp_rooms` (`camp_id`);--> statement-breakpoint
CREATE TABLE `barcamp_slots` (
	`id` text PRIMARY KEY NOT NULL,
	`camp_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	FOREIGN KEY (`camp_id`) REFERENCES `barcamp_camps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `barcamp_slots_camp` ON `barcamp_slots` (`camp_id`);