#!/usr/bin/env bash
# Day planner benchmark: OptaPlanner against a greedy nearest-village baseline on the same
# made-up days (50, 200, 500 visits over 3, 6, 12 teams; seeded, so repeatable). No database.
#
#   bench/planner/run.sh              # 30 s time limit, stop after 3 s without improvement
#   bench/planner/run.sh 60 10        # time limit, unimproved limit (seconds)
#
# Needs: a JDK. Prints a Markdown table (and keeps it in target/bench-planner.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile -Dformatter.skip=true -Dimpsort.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.doorstep.dispatch.planner.PlannerBenchmark "${1:-30}" "${2:-3}" 2>/dev/null | tee target/bench-planner.md
