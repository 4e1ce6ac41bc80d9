-- Results read a campaign's exposed and held-out visitors; only those rows need indexing by
-- campaign. A decide that reserves a show for a new visitor used to add an index entry per
-- campaign; now it adds none until the message is really shown.
DROP INDEX message_states_campaign;
CREATE INDEX message_states_exposed ON message_states (workspace_id, campaign_id) WHERE shows > 0 OR held_out_at IS NOT NULL;
