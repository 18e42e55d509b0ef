CREATE TABLE `text_authors` (
	`name` text NOT NULL,
	`client_id` integer NOT NULL,
	`actor_role` text NOT NULL,
	`actor_id` text NOT NULL,
	PRIMARY KEY(`name`, `client_id`),
	FOREIGN KEY (`name`) REFERENCES `text_docs`(`name`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `text_authors_actor` ON `text_authors` (`actor_id`,`actor_role`);