CREATE TABLE `command_receipts` (
	`actor_id` text NOT NULL,
	`idem_key` text NOT NULL,
	`workshop_id` text NOT NULL,
	`request_hash` text,
	`result` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`actor_id`, `idem_key`),
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `receipts_created` ON `command_receipts` (`created_at`);--> statement-breakpoint
CREATE TABLE `participation_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workshop_id` text NOT NULL,
	`activity_id` text,
	`kind` text NOT NULL,
	`version` integer NOT NULL,
	`subject_id` text,
	`owner_id` text,
	`actor_role` text NOT NULL,
	`actor_id` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `participation_workshop` ON `participation_events` (`workshop_id`,`seq`);