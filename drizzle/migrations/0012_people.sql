ALTER TABLE `participants` ADD `nickname_key` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `removed_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `participants_nickname` ON `participants` (`workshop_id`,`nickname_key`);