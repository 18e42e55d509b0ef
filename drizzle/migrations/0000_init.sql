CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `boards` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`title` text NOT NULL,
	`phase` text NOT NULL,
	`columns` text NOT NULL,
	`lanes` text NOT NULL,
	`settings` text NOT NULL,
	`voting_closed` integer NOT NULL,
	`discuss_item_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `boards_workshop` ON `boards` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `cards` (
	`id` text PRIMARY KEY NOT NULL,
	`board_id` text NOT NULL,
	`author_id` text NOT NULL,
	`author_role` text NOT NULL,
	`text` text NOT NULL,
	`column_id` text NOT NULL,
	`lane_id` text,
	`cluster_id` text,
	`position` real NOT NULL,
	`status` text NOT NULL,
	`revealed` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cards_board` ON `cards` (`board_id`);--> statement-breakpoint
CREATE INDEX `cards_author` ON `cards` (`author_id`);--> statement-breakpoint
CREATE TABLE `clusters` (
	`id` text PRIMARY KEY NOT NULL,
	`board_id` text NOT NULL,
	`title` text NOT NULL,
	`column_id` text NOT NULL,
	`lane_id` text,
	`position` real NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `clusters_board` ON `clusters` (`board_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workshop_id` text NOT NULL,
	`actor_role` text NOT NULL,
	`actor_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject_id` text,
	`idem_key` text NOT NULL,
	`result` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_actor_key` ON `events` (`actor_id`,`idem_key`);--> statement-breakpoint
CREATE INDEX `events_workshop` ON `events` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`nickname` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_token_hash_unique` ON `participants` (`token_hash`);--> statement-breakpoint
CREATE INDEX `participants_workshop` ON `participants` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name_key_unique` ON `users` (`name_key`);--> statement-breakpoint
CREATE TABLE `votes` (
	`board_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`item_id` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`participant_id`, `item_id`),
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `votes_board` ON `votes` (`board_id`);--> statement-breakpoint
CREATE TABLE `workshop_members` (
	`workshop_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workshop_id`, `user_id`),
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `members_user` ON `workshop_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `workshops` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`locale` text NOT NULL,
	`code` text NOT NULL,
	`status` text NOT NULL,
	`owner_id` text NOT NULL,
	`projector_token` text NOT NULL,
	`invite_token` text NOT NULL,
	`active_board_id` text,
	`timer` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workshops_code_unique` ON `workshops` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `workshops_projector_token_unique` ON `workshops` (`projector_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `workshops_invite_token_unique` ON `workshops` (`invite_token`);