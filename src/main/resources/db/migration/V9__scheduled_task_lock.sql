-- Scheduled tasks that must run on one node at a time: every node of a cluster runs the app's @Scheduled tasks, and
-- such a task starts by locking its row here (SELECT ... FOR UPDATE) in its transaction; a second node waits for the
-- first one's commit, then finds nothing left to do.
CREATE TABLE scheduled_task_lock (
    name VARCHAR(50) PRIMARY KEY
);

INSERT INTO scheduled_task_lock (name) VALUES ('retention');
