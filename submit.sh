#!/usr/bin/env bash
# submit.sh — run sparkprop (check, train, bench or screen) through spark-submit.
#
#   ./submit.sh [spark-submit options] [check|train|bench|screen] [options]
#
# The rule: arguments before the first word `check`, `train`, `bench` or `screen` go to spark-submit, that word and all
# after it to the job. Without the word every argument is the job's and the command is check
# (`./submit.sh`, `./submit.sh --partitions 4`); so spark-submit options need the word:
# `./submit.sh --master spark://host:7077 check --partitions 4`. Exit code: the job's own.
set -euo pipefail

PROJECT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P) && readonly PROJECT_DIR
readonly APP_JAR=$PROJECT_DIR/target/sparkprop.jar
readonly BUNDLED_SPARK_HOME=$PROJECT_DIR/target/spark-home
readonly MAIN_CLASS=sparkprop.cli.Main
# Printed by every JVM that Spark's launcher starts with --add-modules=jdk.incubator.vector (netlib's
# VectorBLAS); expected, and it would be a second line on stderr next to the job's one-line verdict.
readonly JVM_NOTICE='WARNING: Using incubator modules: jdk.incubator.vector'

die() { echo "submit.sh: $2" >&2; exit "$1"; }

usage() {
  cat <<EOF
usage: ./submit.sh [spark-submit options] [check|train|bench|screen] [options]

Arguments before the first word 'check', 'train', 'bench' or 'screen' go to spark-submit (--master, --conf k=v, ...),
the word and what follows to the job; without the word all arguments are the job's, for check.
Uses \$SPARK_HOME/bin/spark-submit (or, for a SPARK_HOME of jars/ only, Spark's launcher from its jars),
else spark-submit on PATH, else the project's own Spark jars (target/spark-home); builds
target/sparkprop.jar with Maven when missing or stale. Adds unless given:
--properties-file conf/spark-defaults.conf, the driver's logging (conf/log4j2.properties: Spark's log
to \$SPARKPROP_LOG_DIR/sparkprop-<time>.log, default /tmp/sparkprop-\$USER), SPARK_LOCAL_IP=127.0.0.1
for local masters, OPENBLAS_NUM_THREADS=1. Environment: SPARK_HOME, SPARKPROP_BUNDLED_SPARK=1,
SPARKPROP_SKIP_BUILD=1, SPARKPROP_MVN_ARGS, SPARKPROP_LOG_DIR, SPARKPROP_DRY_RUN=1 (README: On a cluster).
Exit codes: 0 gradients agree, 1 they disagree, 2 bad input or usage, 3 any other failure,
130 and 143 stopped by SIGINT or SIGTERM.

EOF
}

# Prints its arguments as one shell-quoted line with credentials hidden, by the job's rule (sparkprop.Secrets):
# the value of a key matching Spark's default spark.redaction.regex (secret, password, token, access.key)
# or account.key (Azure), and the user-info of a URI (hdfs://USER:PASSWORD@host).
print_redacted() {
  local w
  for w in "$@"; do
    printf '%q ' "$(sed -E -e 's/([^[:space:]=]*(secret|password|token|access[.]?key|account[.]key)[^[:space:]=]*)=[^[:space:]]*/\1=*****/gI' \
      -e 's#(\b[A-Za-z][A-Za-z0-9+.-]*://)[^/?\#@[:space:]]+@#\1*****@#g' <<<"$w")"
  done
  echo
}

# --- Splitting the arguments at the command word ------------------------------------------------
spark_args=() job_args=("$@")
for ((i = 0; i < $#; i++)); do
  if [[ ${job_args[i]} == check || ${job_args[i]} == train || ${job_args[i]} == bench || ${job_args[i]} == screen ]]; then
    spark_args=("${job_args[@]:0:i}")
    job_args=("${job_args[@]:i}")
    break
  fi
done

# The value of spark-submit option $1 (--name value or --name=value; the last one wins), or "".
spark_option() {
  local value="" i
  for ((i = 0; i < ${#spark_args[@]}; i++)); do
    [[ ${spark_args[i]} == "$1" ]] && value=${spark_args[i + 1]:-}
    [[ ${spark_args[i]} == "$1"=* ]] && value=${spark_args[i]#"$1="}
  done
  printf '%s' "$value"
}

# --- Which spark-submit -------------------------------------------------------------------------
# An installation's bin/spark-submit; else, for a SPARK_HOME that holds only jars/ (Spark's jars from
# Maven, as src/test/scripts/spark-versions.sh lays them out), Spark's launcher from those jars, as
# for the bundled ones; else spark-submit on PATH; else the bundled jars.
spark_submit="" spark_home=$BUNDLED_SPARK_HOME
if [[ ${SPARKPROP_BUNDLED_SPARK:-} != 1 ]]; then
  if [[ -n ${SPARK_HOME:-} && -x $SPARK_HOME/bin/spark-submit ]]; then spark_submit=$SPARK_HOME/bin/spark-submit
  elif [[ -n ${SPARK_HOME:-} && -d $SPARK_HOME/jars ]]; then spark_home=$(cd -- "$SPARK_HOME" && pwd -P)
  else spark_submit=$(command -v spark-submit || true); fi
fi
jars=$spark_home/jars
[[ -n $spark_submit ]] && jars=$(dirname -- "$(dirname -- "$(readlink -f -- "$spark_submit")")")/jars

# --- Building the jars when needed --------------------------------------------------------------
needs_build() {
  [[ -f $APP_JAR && -n $(ls -A -- "$jars" 2>/dev/null) ]] || return 0
  [[ -n $(find "$PROJECT_DIR/pom.xml" "$PROJECT_DIR/src/main" -newer "$APP_JAR" -print -quit 2>/dev/null) ]]
}

if [[ ${SPARKPROP_SKIP_BUILD:-} == 1 ]]; then
  [[ -f $APP_JAR && -d $jars ]] || die 3 "$APP_JAR or $jars is missing and SPARKPROP_SKIP_BUILD=1 (build: mvn -DskipTests package)"
elif needs_build; then
  command -v "${MVN:-mvn}" >/dev/null 2>&1 || die 3 "target/sparkprop.jar needs building and Maven ('${MVN:-mvn}') is not on PATH"
  mkdir -p "$PROJECT_DIR/target"
  exec 9>"$PROJECT_DIR/target/.submit-build.lock" # one build at a time when several runs start together
  flock 9 2>/dev/null || true
  if needs_build; then
    echo "submit.sh: building target/sparkprop.jar (mvn package) ..."
    # shellcheck disable=SC2086 # SPARKPROP_MVN_ARGS is a list of words on purpose
    if ! build_log=$(cd "$PROJECT_DIR" && "${MVN:-mvn}" -q -B -DskipTests ${SPARKPROP_MVN_ARGS:-} package 2>&1); then
      printf '%s\n' "$build_log" >&2
      die 3 "the build failed (mvn -q -B -DskipTests package in $PROJECT_DIR); Maven's output is above"
    fi
    touch "$APP_JAR" # its time stamp is what needs_build compares with
  fi
  exec 9>&-
fi

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if printf '%s\n' "${job_args[@]+"${job_args[@]}"}" | grep -qx -e --help -e -h; then
  # Help needs no Spark: the job's own option list, straight from the jar. Whatever the JVM logs (netlib's
  # BLAS loader) goes to the log file, as a run's does, not to stderr.
  [[ ${job_args[0]:-} == check || ${job_args[0]:-} == train || ${job_args[0]:-} == bench || ${job_args[0]:-} == screen ]] || usage
  exec "$java" "-Dlog4j2.configurationFile=$PROJECT_DIR/conf/log4j2.properties" -cp "$APP_JAR:$jars/*" \
    "$MAIN_CLASS" "${job_args[@]}"
fi

# --- Defaults ----------------------------------------------------------------------------------
# The value of Spark property $1 in the properties file that spark-submit will read, or "".
file_property() {
  [[ -r $properties ]] || return 0
  sed -nE "s/^[[:space:]]*${1//./\\.}[[:space:]]*[=:[:space:]][[:space:]]*//p" "$properties" | tail -n 1 | sed -E 's/[[:space:]]+$//'
}
defaults=()
properties=$(spark_option --properties-file)
if [[ -z $properties ]]; then
  properties=$PROJECT_DIR/conf/spark-defaults.conf
  defaults+=(--properties-file "$properties")
  # spark-submit skips an installation's own conf/spark-defaults.conf when given --properties-file,
  # unless told --load-spark-defaults. That flag is Spark 4's (SPARK-48392): Spark 3's spark-submit
  # refuses it, and there the properties file replaces spark-defaults.conf, as it always did.
  installed_conf=${SPARK_CONF_DIR:-$(dirname -- "$jars")/conf}
  if [[ $jars != "$BUNDLED_SPARK_HOME/jars" && -f $installed_conf/spark-defaults.conf ]] \
    && ! compgen -G "$jars/spark-core_*-3.*.jar" >/dev/null; then
    defaults+=(--load-spark-defaults)
  fi
fi
deploy_mode=$(spark_option --deploy-mode)
if [[ ${deploy_mode:-$(file_property spark.submit.deployMode)} != cluster ]]; then
  # The driver's log configuration, as its *default* Java options so that yours still apply.
  log_option="-Dlog4j2.configurationFile=$PROJECT_DIR/conf/log4j2.properties"
  [[ $log_option =~ [[:space:]] ]] && log_option="\"$log_option\""
  defaults+=(--conf "spark.driver.defaultJavaOptions=$log_option")
fi

# Loopback for runs on this machine only: executors on other hosts could not reach a driver there.
master=$(spark_option --master)
[[ -n $master ]] || master=$(file_property spark.master)
master=${master:-${MASTER:-local}}
case $master in
  local | local\[*\] | local-cluster\[*\] | spark://127.0.0.1* | spark://localhost*)
    export SPARK_LOCAL_IP=${SPARK_LOCAL_IP-127.0.0.1} ;;
esac
# One BLAS thread per task: Spark already runs one task per core (executors: spark-defaults.conf).
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS-1}

args=(${defaults[@]+"${defaults[@]}"} ${spark_args[@]+"${spark_args[@]}"} --class "$MAIN_CLASS" "$APP_JAR"
  ${job_args[@]+"${job_args[@]}"})

# --- The command --------------------------------------------------------------------------------
if [[ -n $spark_submit ]]; then
  cmd=("$spark_submit" "${args[@]}")
else
  # No bin/spark-submit: do what bin/spark-class does, with the jars of $spark_home. Spark's launcher
  # prints any messages line by line, then a line holding only a NUL, then the driver's java command
  # as NUL-separated words; we append its exit code as the last word (as spark-class does).
  export SPARK_HOME=$spark_home SPARK_SCALA_VERSION=${SPARK_SCALA_VERSION:-2.13}
  command -v "$java" >/dev/null 2>&1 || die 3 "no java: set JAVA_HOME or put java 17+ on PATH"
  cmd=() delim=$'\n' started=false
  while IFS= read -r -d "$delim" word; do
    if [[ $started == true ]]; then cmd+=("$word")
    elif [[ -z $word ]]; then delim='' started=true
    else echo "$word" >&2
    fi
  done < <(
    # shellcheck disable=SC2086 # SPARK_LAUNCHER_OPTS is a list of words, as in spark-class
    "$java" -Xmx128m ${SPARK_LAUNCHER_OPTS:-} -cp "$jars/*" org.apache.spark.launcher.Main \
      org.apache.spark.deploy.SparkSubmit "${args[@]}"
    printf '%d\0' $?
  )
  n=${#cmd[@]}
  if ((n < 2)) || [[ ${cmd[n - 1]} != 0 ]]; then
    die 3 "Spark's launcher failed (exit ${cmd[n - 1]:-?}) for: $(print_redacted "${args[@]}")"
  fi
  cmd=("${cmd[@]:0:n-1}")
fi

[[ ${SPARKPROP_DRY_RUN:-} == 1 ]] && { print_redacted "${cmd[@]}"; exit 0; }

# --- Running -----------------------------------------------------------------------------------
# The job writes its exit code here: spark-submit also exits 1 for its own failures, which must not
# read as "the gradients disagree". No code written means the job never ran to its end: exit 3.
exit_file=$(mktemp "${TMPDIR:-/tmp}/sparkprop-exit.XXXXXX")
trap 'rm -f -- "$exit_file"' EXIT
export SPARKPROP_EXIT_FILE=$exit_file

# stderr through a filter that drops the JVM's notice; it ignores the signals meant for the job.
exec 3> >(trap '' INT TERM HUP; grep --line-buffered -v -x -F "$JVM_NOTICE" >&2 || true)
filter=$!
# SIGINT, SIGTERM, SIGHUP: to us alone (kill PID) or to our process group (Ctrl-C, Airflow) — the job gets
# each, ends with one line ("sparkprop: interrupted (SIGTERM) at step N; …") and writes 128 + the signal's
# number (130, 143, 129) as its exit code, which is ours.
signal="" child="" rc=0
forward() {
  signal=${signal:-$1}
  [[ -z $child ]] || kill -s "$1" "$child" 2>/dev/null || true
}
trap 'forward INT' INT
trap 'forward TERM' TERM
trap 'forward HUP' HUP
if [[ -z $signal ]]; then
  # A command started with & ignores SIGINT unless told otherwise: the driver must see a Ctrl-C too.
  ( trap - INT QUIT; exec "${cmd[@]}" ) 2>&3 3>&- &
  child=$!
  while true; do
    rc=0
    wait "$child" || rc=$?
    kill -0 "$child" 2>/dev/null || break # wait returns early when a trapped signal arrives
  done
fi
trap - TERM INT HUP
exec 3>&-
wait "$filter" 2>/dev/null || true

[[ -s $exit_file ]] && exit "$(<"$exit_file")"
if [[ -n $signal ]]; then
  echo "sparkprop: interrupted (SIG$signal) before the job could report (no output written; a training run's checkpoints stay beside --out)" >&2
  exit $((128 + $(kill -l "$signal")))
fi
((rc == 0)) || die 3 "spark-submit exited with $rc before sparkprop finished; exit 3"
