-- Custom SQL migration file, put your code below! --
-- Carries the rows of the old `events` table (idempotency record and generic log in one) into `command_receipts`
-- and `participation_events`; see docs/ARCHITECTURE.md, "Participation log", for what is carried and what is not.
-- Receipts: a card's result names the card by id only (its text and nickname are read again on a replay).
INSERT OR IGNORE INTO `command_receipts` (`actor_id`, `idem_key`, `workshop_id`, `request_hash`, `result`, `created_at`)
SELECT `actor_id`, `idem_key`, `workshop_id`, `request_hash`,
	CASE WHEN `kind` IN ('card:create', 'card:update') AND json_valid(`result`) AND json_extract(`result`, '$.card.id') IS NOT NULL
		THEN json_object('cardRef', json_extract(`result`, '$.card.id')) ELSE `result` END,
	`created_at`
FROM `events`;
--> statement-breakpoint
INSERT INTO `participation_events` (`workshop_id`, `activity_id`, `kind`, `version`, `subject_id`, `owner_id`, `actor_role`, `actor_id`, `payload`, `created_at`)
SELECT `workshop_id`, `activity_id`, `kind`, 1, `subject_id`, `owner_id`, `actor_role`, `actor_id`, `payload`, `created_at` FROM (
	SELECT `workshop_id`, NULL AS `activity_id`, 'workshop.participant.joined' AS `kind`, `id` AS `subject_id`, NULL AS `owner_id`,
		'participant' AS `actor_role`, `id` AS `actor_id`, '{}' AS `payload`, `created_at`, 0 AS `seq`
	FROM `participants`
	UNION ALL
	SELECT e.`workshop_id`,
		CASE
			WHEN e.`kind` IN ('card:create', 'cluster:create', 'board:phase', 'board:activate') THEN e.`subject_id`
			WHEN e.`kind` = 'board:create' THEN json_extract(e.`result`, '$.boardId')
			WHEN e.`kind` = 'card:update' THEN coalesce(json_extract(e.`result`, '$.card.boardId'), c.`board_id`)
			WHEN e.`kind` = 'card:move' THEN c.`board_id`
			WHEN e.`kind` = 'vote:cast' THEN json_extract(e.`result`, '$.boardId')
			ELSE NULL
		END,
		CASE e.`kind`
			WHEN 'card:create' THEN 'board.card.posted'
			WHEN 'card:update' THEN 'board.card.edited'
			WHEN 'card:move' THEN 'board.card.moved'
			WHEN 'card:delete' THEN 'board.card.deleted'
			WHEN 'cluster:create' THEN 'board.cluster.created'
			WHEN 'board:phase' THEN 'board.phase.changed'
			WHEN 'board:create' THEN 'board.created'
			WHEN 'board:activate' THEN 'board.activated'
			WHEN 'workshop:close' THEN 'workshop.closed'
			-- The dots after the command minus the dots after this person's previous command on the item: +1 or -1.
			WHEN 'vote:cast' THEN CASE WHEN json_extract(e.`result`, '$.count') > coalesce((
				SELECT json_extract(p.`result`, '$.count') FROM `events` p
				WHERE p.`kind` = 'vote:cast' AND p.`actor_id` = e.`actor_id` AND p.`subject_id` = e.`subject_id` AND p.`seq` < e.`seq`
				ORDER BY p.`seq` DESC LIMIT 1), 0) THEN 'board.vote.cast' ELSE 'board.vote.withdrawn' END
		END,
		CASE
			WHEN e.`kind` = 'card:create' THEN json_extract(e.`result`, '$.card.id')
			WHEN e.`kind` = 'cluster:create' THEN json_extract(e.`result`, '$.clusterId')
			WHEN e.`kind` = 'board:create' THEN json_extract(e.`result`, '$.boardId')
			ELSE e.`subject_id`
		END,
		CASE
			WHEN e.`kind` = 'card:create' AND e.`actor_role` = 'participant' THEN e.`actor_id`
			WHEN e.`kind` = 'card:delete' THEN e.`actor_id`
			WHEN e.`kind` IN ('card:update', 'card:move') AND c.`author_role` = 'participant' THEN c.`author_id`
			ELSE NULL
		END,
		e.`actor_role`, e.`actor_id`,
		CASE
			WHEN e.`kind` = 'board:phase' THEN json_object('phase', json_extract(e.`result`, '$.phase'))
			WHEN e.`kind` = 'vote:cast' THEN json_object('dots', json_extract(e.`result`, '$.count'))
			ELSE '{}'
		END,
		e.`created_at`, e.`seq`
	FROM `events` e LEFT JOIN `cards` c ON c.`id` = e.`subject_id`
	WHERE json_valid(e.`result`) AND coalesce(json_extract(e.`result`, '$.erased'), 0) = 0 AND (
		e.`kind` IN ('card:create', 'card:update', 'card:move', 'cluster:create', 'board:phase', 'board:create', 'board:activate', 'workshop:close', 'vote:cast')
		-- Only a participant's delete is surely of their own card; a facilitator's may have been anyone's.
		OR (e.`kind` = 'card:delete' AND e.`actor_role` = 'participant'))
) ORDER BY `created_at`, `seq`;
