"""Background jobs: long work run by a worker process (django-tasks, database backend), with a
record people can follow (state, progress, time left, result) and start again if it failed.

A domain never imports this app's internals beyond `services` (enqueue, restart, run here),
`progress` (report progress) and `models` (the record). The app imports no domain."""
