#!/usr/bin/env python3
"""Sums a Spark application's event log (spark.eventLog.enabled) into the figures spark-bench.sh
prints, as one JSON object:

  jobs, tasks           jobs and tasks the application ran
  job_s                 first job start to last job end (the work, without JVM and executor start-up)
  scan_tasks            tasks of the stage that read the input (the partitions: the largest stage
                        of the last job)
  executor_run_s        executor run time summed over all tasks (task deserialization excluded)
  executor_cpu_s        executor CPU time summed over all tasks
  gc_s                  JVM GC time summed over all tasks
  result_bytes          bytes of task results sent to the driver (the serialized partial results)
  shuffle_write_bytes   bytes the tasks wrote for a following stage (tree aggregation levels)
  merge_tail_s          end of the scan stage to the end of its job: the tree levels that merge
                        partial results on the executors (more than 8 partitions), and sending
                        the last ones to the driver
  driver_after_s        end of the last job to the end of the application: the driver's merge
                        of the last (at most 8) partial results, writing the output, stopping

Usage: spark_events.py EVENT_LOG_FILE
"""

import json
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    jobs = {}            # job id -> [start ms, end ms, stage ids]
    stage_tasks = {}     # stage id -> tasks
    stage_done = {}      # stage id -> completion ms
    app_end = None
    sums = dict(tasks=0, executor_run_ms=0, executor_cpu_ns=0, gc_ms=0, result_bytes=0, shuffle_write_bytes=0)
    with open(sys.argv[1], encoding="utf-8") as log:
        for line in log:
            event = json.loads(line)
            kind = event.get("Event")
            if kind == "SparkListenerJobStart":
                jobs[event["Job ID"]] = [event["Submission Time"], None, event.get("Stage IDs", [])]
            elif kind == "SparkListenerJobEnd":
                jobs[event["Job ID"]][1] = event["Completion Time"]
            elif kind == "SparkListenerStageCompleted":
                info = event["Stage Info"]
                stage_tasks[info["Stage ID"]] = info["Number of Tasks"]
                stage_done[info["Stage ID"]] = info.get("Completion Time")
            elif kind == "SparkListenerApplicationEnd":
                app_end = event["Timestamp"]
            elif kind == "SparkListenerTaskEnd":
                metrics = event.get("Task Metrics") or {}
                sums["tasks"] += 1
                sums["executor_run_ms"] += metrics.get("Executor Run Time", 0)
                sums["executor_cpu_ns"] += metrics.get("Executor CPU Time", 0)
                sums["gc_ms"] += metrics.get("JVM GC Time", 0)
                sums["result_bytes"] += metrics.get("Result Size", 0)
                sums["shuffle_write_bytes"] += (metrics.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
    finished = {job: v for job, v in jobs.items() if v[1] is not None}
    if not finished:
        sys.exit(f"{sys.argv[1]}: no finished job")
    last = finished[max(finished)]
    ran = [s for s in last[2] if s in stage_tasks]
    scan = max(ran, key=lambda s: stage_tasks[s]) if ran else None
    out = {
        "jobs": len(finished),
        "tasks": sums["tasks"],
        "job_s": (max(v[1] for v in finished.values()) - min(v[0] for v in finished.values())) / 1000,
        "scan_tasks": stage_tasks.get(scan, 0),
        "executor_run_s": sums["executor_run_ms"] / 1000,
        "executor_cpu_s": sums["executor_cpu_ns"] / 1e9,
        "gc_s": sums["gc_ms"] / 1000,
        "result_bytes": sums["result_bytes"],
        "shuffle_write_bytes": sums["shuffle_write_bytes"],
        "merge_tail_s": (last[1] - stage_done[scan]) / 1000 if scan is not None and stage_done.get(scan) else None,
        "driver_after_s": (app_end - last[1]) / 1000 if app_end else None,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
