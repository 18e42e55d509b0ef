ALTER TABLE `boards` ADD `card_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `boards` SET `card_count` = (SELECT count(*) FROM `cards` WHERE `cards`.`board_id` = `boards`.`id`);--> statement-breakpoint
CREATE TRIGGER `cards_count_insert` AFTER INSERT ON `cards` BEGIN UPDATE `boards` SET `card_count` = `card_count` + 1 WHERE `id` = NEW.`board_id`; END;--> statement-breakpoint
CREATE TRIGGER `cards_count_delete` AFTER DELETE ON `cards` BEGIN UPDATE `boards` SET `card_count` = `card_count` - 1 WHERE `id` = OLD.`board_id`; END;--> statement-breakpoint
CREATE TRIGGER `cards_count_move` AFTER UPDATE OF `board_id` ON `cards` WHEN OLD.`board_id` IS NOT NEW.`board_id` BEGIN UPDATE `boards` SET `card_count` = `card_count` - 1 WHERE `id` = OLD.`board_id`; UPDATE `boards` SET `card_count` = `card_count` + 1 WHERE `id` = NEW.`board_id`; END;
