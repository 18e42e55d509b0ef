-- A workshop holds an ordered list of activities; every existing board becomes an activity of type `board` with the
-- same id, its title and its phase, in the order the boards were created. The board row keeps only what is the
-- board's own (columns, lanes, settings, voting, discussion).
CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`phase` text NOT NULL,
	`position` real NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `activities_workshop` ON `activities` (`workshop_id`,`position`);--> statement-breakpoint
INSERT INTO `activities` (`id`, `workshop_id`, `type`, `title`, `phase`, `position`, `created_at`)
	SELECT b.`id`, b.`workshop_id`, 'board', b.`title`, b.`phase`,
		(SELECT count(*) FROM `boards` o WHERE o.`workshop_id` = b.`workshop_id` AND (o.`created_at` < b.`created_at` OR (o.`created_at` = b.`created_at` AND o.`id` < b.`id`))),
		b.`created_at`
	FROM `boards` b;--> statement-breakpoint
ALTER TABLE `workshops` RENAME COLUMN `active_board_id` TO `active_activity_id`;--> statement-breakpoint
ALTER TABLE `boards` DROP COLUMN `title`;--> statement-breakpoint
ALTER TABLE `boards` DROP COLUMN `phase`;
