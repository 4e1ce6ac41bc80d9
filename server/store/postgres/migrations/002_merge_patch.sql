-- RFC 7396 JSON merge patch, as SQLite's json_patch does it: objects merge key by key, a null
-- deletes the key, anything else replaces. jsonb's || neither recurses nor deletes on null.
CREATE FUNCTION merge_patch(target jsonb, patch jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  member record;
BEGIN
  IF jsonb_typeof(patch) <> 'object' THEN
    RETURN patch;
  END IF;
  IF target IS NULL OR jsonb_typeof(target) <> 'object' THEN
    target := '{}';
  END IF;
  FOR member IN SELECT key, value FROM jsonb_each(patch) LOOP
    IF jsonb_typeof(member.value) = 'null' THEN
      target := target - member.key;
    ELSE
      target := target || jsonb_build_object(member.key, merge_patch(target -> member.key, member.value));
    END IF;
  END LOOP;
  RETURN target;
END $$;
