CREATE TABLE `text_docs` (
	`name` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`snapshot` text NOT NULL,
	`bytes` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `text_docs_workshop` ON `text_docs` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `text_updates` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`update` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`name`) REFERENCES `text_docs`(`name`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `text_updates_name` ON `text_updates` (`name`,`seq`);