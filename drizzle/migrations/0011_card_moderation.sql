CREATE TABLE `board_removed_cards` (
	`card_id` text PRIMARY KEY NOT NULL,
	`board_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`excerpt` text NOT NULL,
	`removed_at` integer NOT NULL,
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `board_removed_cards_participant` ON `board_removed_cards` (`participant_id`);--> statement-breakpoint
ALTER TABLE `cards` ADD `author_edited_at` integer;--> statement-breakpoint
ALTER TABLE `cards` ADD `staff_edited_at` integer;