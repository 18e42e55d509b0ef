DROP INDEX `cards_board`;--> statement-breakpoint
CREATE INDEX `cards_board_column` ON `cards` (`board_id`,`column_id`,`position`);