#!/usr/bin/env bash
# submit.sh — run the sparkprop gradient check through spark-submit.
#
#   ./submit.sh [spark-submit options] [check|bench] [job options]
#
# See usage() below, or ./submit.sh --help. Exit code: the job's (0 agree, 1 disagree, 2 bad input
# or usage, 3 any other failure).
set -euo pipefail

readonly EXIT_BAD_INPUT=2
readonly EXIT_FAILURE=3

PROJECT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
readonly PROJECT_DIR
readonly APP_JAR="$PROJECT_DIR/target/sparkprop.jar"
readonly BUNDLED_SPARK_HOME="$PROJECT_DIR/target/spark-home"
readonly BUNDLED_JARS="$BUNDLED_SPARK_HOME/jars"
readonly DEFAULT_PROPERTIES="$PROJECT_DIR/conf/spark-defaults.conf"
readonly LOG_CONFIG="$PROJECT_DIR/conf/log4j2.properties"
readonly MAIN_CLASS="sparkprop.cli.Main"

die() {
  local code=$1
  shift
  echo "submit.sh: error: $*" >&2
  exit "$code"
}

usage() {
  cat <<EOF
usage: ./submit.sh [spark-submit options] [check|bench] [job options]

Runs sparkprop's main class ($MAIN_CLASS) from target/sparkprop.jar with spark-submit:
\$SPARK_HOME/bin/spark-submit, else spark-submit on PATH, else Spark from the project's own
Maven-resolved jars (target/spark-home/jars). Builds target/sparkprop.jar and target/spark-home/jars
with Maven first when they are missing or older than pom.xml or src/main.

Arguments before the first word 'check' or 'bench' go to spark-submit unchanged (--master,
--deploy-mode, --conf k=v, --executor-memory, --properties-file, ...). Without such a word, the
spark-submit options are read up to the first argument that is not one (e.g. --partitions), and
'check' is implied: './submit.sh --partitions 4' = './submit.sh check --partitions 4', and
'./submit.sh' alone checks the bundled sample (data/mnist-sample). Relative paths (--data, --out,
conf/sparkprop.properties) resolve against the current directory.

Defaults added unless you give your own:
  --properties-file conf/spark-defaults.conf   (UI off, driver memory 4g, ...)
  --master local[*]                            (unless --master, --conf spark.master or the
                                                properties file sets one, or \$MASTER)
  driver logging from conf/log4j2.properties   (Spark WARN, sparkprop INFO; client mode only)
  SPARK_LOCAL_IP=127.0.0.1                     (local or loopback spark:// masters only)
  OPENBLAS_NUM_THREADS=1                       (Spark's task slots already use every core)

Environment:
  SPARK_HOME            a Spark 4.x (Scala 2.13) installation to submit with
  SPARKPROP_BUNDLED_SPARK  1: use target/spark-home even if SPARK_HOME or a spark-submit is set
  SPARKPROP_SKIP_BUILD  1: never run Maven; fail if the jars are missing (deployments, CI)
  SPARKPROP_MVN_ARGS    extra Maven arguments for the build, e.g. -o
  SPARKPROP_DRY_RUN     1: print the command that would run, and exit

Examples:
  ./submit.sh
  ./submit.sh --master 'local[2]' check --partitions 3 --out /tmp/check
  ./submit.sh --master spark://host:7077 --executor-memory 2g check --data hdfs:///mnist --out hdfs:///checks/today
  ./submit.sh check --help                     (the check's options; bench --help for the benchmark)

Exit codes: 0 gradients agree, 1 they disagree (or non-finite numbers), 2 bad input or usage,
3 any other failure (Spark, I/O, build). In cluster deploy mode spark-submit reports only
success or failure, not the job's code.
EOF
}

# ---------------------------------------------------------------------------------------------
# Splitting the arguments.

# spark-submit's options that take a value (Spark 4.2, SparkSubmitOptionParser).
spark_option_takes_value() {
  case "$1" in
    --archives | --class | --conf | -c | --deploy-mode | --driver-class-path | --driver-cores | \
      --driver-default-class-path | --driver-java-options | --driver-library-path | --driver-memory | \
      --exclude-packages | --executor-cores | --executor-memory | --extra-properties-file | --files | \
      --jars | --keytab | --kill | --master | --name | --num-executors | --packages | --principal | \
      --properties-file | --proxy-user | --py-files | --queue | --remote | --repositories | --status | \
      --total-executor-cores)
      return 0 ;;
  esac
  return 1
}

# spark-submit's options without a value.
spark_flag() {
  case "$1" in
    --supervise | --verbose | -v | --version | --usage-error | --load-spark-defaults) return 0 ;;
  esac
  return 1
}

spark_args=()
job_args=()
job_command=""
want_help=false
spark_action=false # --version, --kill, --status: spark-submit's own actions, no application

while (($# > 0)); do
  arg=$1
  case "$arg" in
    check | bench)
      job_command=$arg
      shift
      job_args=("$@")
      break
      ;;
    --help | -h)
      want_help=true
      shift
      ;;
    --*=*)
      if spark_option_takes_value "${arg%%=*}"; then
        [[ ${arg%%=*} == --kill || ${arg%%=*} == --status ]] && spark_action=true
        spark_args+=("$arg")
        shift
      else
        job_args=("$@")
        break
      fi
      ;;
    *)
      if spark_option_takes_value "$arg"; then
        (($# >= 2)) || die "$EXIT_BAD_INPUT" "spark-submit option $arg needs a value (see ./submit.sh --help)"
        [[ $arg == --kill || $arg == --status ]] && spark_action=true
        spark_args+=("$arg" "$2")
        shift 2
      elif spark_flag "$arg"; then
        [[ $arg == --version ]] && spark_action=true
        spark_args+=("$arg")
        shift
      else
        # The first job option (or a misspelt command, which the job reports): the rest is the job's.
        job_args=("$@")
        break
      fi
      ;;
  esac
done

if [[ -n $job_command ]]; then
  app_args=("$job_command" ${job_args[@]+"${job_args[@]}"})
elif ((${#job_args[@]} == 0)) || [[ ${job_args[0]} == -* ]]; then
  app_args=(check ${job_args[@]+"${job_args[@]}"})
else
  app_args=("${job_args[@]}")
fi

# ---------------------------------------------------------------------------------------------
# What the spark-submit arguments say (the last occurrence wins, as in spark-submit).

# Prints the value of spark-submit option $1 (e.g. --master; "" for none), or of --conf key $2.
spark_arg_value() {
  local opt=$1 key=${2:-} value="" i a next
  for ((i = 0; i < ${#spark_args[@]}; i++)); do
    a=${spark_args[i]}
    next=${spark_args[i + 1]:-}
    if [[ -n $opt && $a == "$opt" ]]; then
      value=$next
    elif [[ -n $opt && $a == "$opt="* ]]; then
      value=${a#"$opt="}
    elif [[ -n $key ]]; then
      if [[ ($a == --conf || $a == -c) && $next == "$key="* ]]; then
        value=${next#"$key="}
      elif [[ $a == "--conf=$key="* ]]; then
        value=${a#"--conf=$key="}
      fi
    fi
  done
  printf '%s' "$value"
}

# Prints the value of key $2 in properties file $1 (Java properties: key=value, key: value, key value).
properties_value() {
  [[ -r $1 ]] || return 0
  sed -nE "s/^[[:space:]]*${2//./\\.}[[:space:]]*([=:]|[[:space:]])[[:space:]]*//p" "$1" | tail -n 1 |
    sed -E 's/[[:space:]]+$//'
}

# Prints the effective value of Spark property $1 (--conf, else the properties file).
spark_property() {
  local v
  v=$(spark_arg_value "" "$1")
  [[ -n $v ]] || v=$(properties_value "$properties_file" "$1")
  printf '%s' "$v"
}

extra_spark_args=()

properties_file=$(spark_arg_value --properties-file)
if [[ -z $properties_file && -f $DEFAULT_PROPERTIES ]]; then
  properties_file=$DEFAULT_PROPERTIES
  extra_spark_args+=(--properties-file "$properties_file")
fi

master=$(spark_arg_value --master spark.master)
[[ -n $master ]] || master=$(properties_value "$properties_file" spark.master)
[[ -n $master ]] || master=${MASTER:-}
if [[ -z $master ]]; then
  master="local[*]"
  extra_spark_args+=(--master "$master")
fi

deploy_mode=$(spark_arg_value --deploy-mode spark.submit.deployMode)
[[ -n $deploy_mode ]] || deploy_mode=$(properties_value "$properties_file" spark.submit.deployMode)
[[ -n $deploy_mode ]] || deploy_mode=client

# Driver logging: our log4j2 file, as the driver's *default* Java options so that the user's
# --driver-java-options / spark.driver.extraJavaOptions are kept and come after it. Client mode
# only: in cluster mode the driver runs elsewhere and this path would not exist there.
if [[ $deploy_mode == client && -z $(spark_property spark.driver.defaultJavaOptions) ]]; then
  log_option="-Dlog4j2.configurationFile=$LOG_CONFIG"
  [[ $LOG_CONFIG =~ [[:space:]] ]] && log_option="\"$log_option\""
  extra_spark_args+=(--conf "spark.driver.defaultJavaOptions=$log_option")
fi

# Loopback by default for runs on this machine only: a driver bound to 127.0.0.1 cannot be reached
# by executors on other hosts. Spark's web UIs also bind to SPARK_LOCAL_IP (else 0.0.0.0).
case "$master" in
  local | local\[*\] | local-cluster\[*\] | spark://127.0.0.1:* | spark://localhost:* | spark://127.0.0.1 | spark://localhost)
    export SPARK_LOCAL_IP="${SPARK_LOCAL_IP-127.0.0.1}"
    ;;
esac

# One BLAS thread per task: Spark already runs one task per core (local[*] or executor cores), so a
# multi-threaded OpenBLAS would oversubscribe the cores. Executors get it from spark.executorEnv.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS-1}"

# ---------------------------------------------------------------------------------------------
# Which spark-submit.

spark_submit=()
if [[ ${SPARKPROP_BUNDLED_SPARK:-} == 1 ]]; then
  : # the project's own Spark, whatever is installed
elif [[ -n ${SPARK_HOME:-} && -x ${SPARK_HOME}/bin/spark-submit ]]; then
  spark_submit=("$SPARK_HOME/bin/spark-submit")
elif command -v spark-submit >/dev/null 2>&1; then
  spark_submit=("$(command -v spark-submit)")
fi
if ((${#spark_submit[@]} > 0)); then
  # An installation's own conf/spark-defaults.conf (cluster settings) is skipped by spark-submit
  # when --properties-file is given; ask Spark (4.x) to load it under ours.
  installed_home=${SPARK_HOME:-$(dirname -- "$(dirname -- "$(readlink -f -- "${spark_submit[0]}" 2>/dev/null ||
    echo "${spark_submit[0]}")")")}
  installed_conf=${SPARK_CONF_DIR:-$installed_home/conf}
  if [[ ${#extra_spark_args[@]} -gt 0 && " ${extra_spark_args[*]} " == *" --properties-file "* &&
    -f $installed_conf/spark-defaults.conf ]]; then
    extra_spark_args+=(--load-spark-defaults)
  fi
fi

# ---------------------------------------------------------------------------------------------
# Building target/sparkprop.jar and target/spark-home/jars when needed.

needs_build() {
  [[ -f $APP_JAR ]] || return 0
  if ((${#spark_submit[@]} == 0)); then
    [[ -d $BUNDLED_JARS && -n $(ls -A -- "$BUNDLED_JARS" 2>/dev/null) ]] || return 0
  fi
  [[ -n $(find "$PROJECT_DIR/pom.xml" "$PROJECT_DIR/src/main" -newer "$APP_JAR" -print 2>/dev/null | head -n 1) ]]
}

build() {
  if [[ ${SPARKPROP_SKIP_BUILD:-} == 1 ]]; then
    [[ -f $APP_JAR ]] || die "$EXIT_FAILURE" "$APP_JAR is missing and SPARKPROP_SKIP_BUILD=1 (build with: mvn -DskipTests package)"
    if ((${#spark_submit[@]} == 0)) && [[ ! -d $BUNDLED_JARS ]]; then
      die "$EXIT_FAILURE" "$BUNDLED_JARS is missing and SPARKPROP_SKIP_BUILD=1 (build with: mvn -DskipTests package)"
    fi
    return 0
  fi
  needs_build || return 0
  command -v "${MVN:-mvn}" >/dev/null 2>&1 ||
    die "$EXIT_FAILURE" "target/sparkprop.jar needs building and Maven ('${MVN:-mvn}') is not on PATH"
  mkdir -p "$PROJECT_DIR/target"
  # One build at a time when several submit.sh start together.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$PROJECT_DIR/target/.submit-build.lock"
    flock 9
    needs_build || { exec 9>&-; return 0; }
  fi
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/sparkprop-build.XXXXXX")
  echo "submit.sh: building target/sparkprop.jar (mvn package) ..." >&2
  # shellcheck disable=SC2086 # SPARKPROP_MVN_ARGS is a list of words on purpose
  if ! (cd "$PROJECT_DIR" && "${MVN:-mvn}" -q -B -DskipTests ${SPARKPROP_MVN_ARGS:-} package) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "$EXIT_FAILURE" "the build failed (mvn -q -B -DskipTests package in $PROJECT_DIR); Maven's output is above"
  fi
  rm -f "$log"
  [[ -f $APP_JAR ]] || die "$EXIT_FAILURE" "the build did not produce $APP_JAR"
  touch "$APP_JAR" # its time stamp is what needs_build compares with
  if command -v flock >/dev/null 2>&1; then exec 9>&-; fi
}

# ---------------------------------------------------------------------------------------------
# Running.

# Runs spark-submit with the given arguments and returns its exit code; forwards TERM/INT/HUP to it
# (a scheduler stopping us stops the job, whose shutdown hooks then stop Spark cleanly).
run_spark_submit() {
  local -a cmd
  if ((${#spark_submit[@]} > 0)); then
    cmd=("${spark_submit[@]}" "$@")
  else
    # No Spark installation: do what bin/spark-class does, with the project's own jars. Spark's
    # launcher library turns the spark-submit arguments into the driver's java command line: -Xmx
    # from spark.driver.memory, Spark's --add-opens list and --add-modules=jdk.incubator.vector (for
    # netlib's VectorBLAS fallback), driver Java options and class path.
    export SPARK_HOME="$BUNDLED_SPARK_HOME"
    export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
    local java="java"
    [[ -n ${JAVA_HOME:-} ]] && java="$JAVA_HOME/bin/java"
    command -v "$java" >/dev/null 2>&1 || die "$EXIT_FAILURE" "no java: set JAVA_HOME or put java 17+ on PATH"
    # The launcher prints any messages line by line, then a line holding only a NUL, then the
    # command as NUL-separated words; we append its exit code as the last word (as spark-class).
    local delim=$'\n' started=false word
    cmd=()
    while IFS= read -r -d "$delim" word; do
      if [[ $started == true ]]; then
        cmd+=("$word")
      elif [[ -z $word ]]; then
        delim=''
        started=true
      else
        echo "$word" >&2
      fi
    done < <(
      # shellcheck disable=SC2086 # SPARK_LAUNCHER_OPTS is a list of words, as in spark-class
      "$java" -Xmx128m ${SPARK_LAUNCHER_OPTS:-} -cp "$BUNDLED_JARS/*" \
        org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "$@"
      printf '%d\0' $?
    )
    local n=${#cmd[@]}
    ((n > 0)) || die "$EXIT_FAILURE" "Spark's launcher (org.apache.spark.launcher.Main) printed no command"
    local launcher_rc=${cmd[n - 1]}
    [[ $launcher_rc =~ ^[0-9]+$ ]] || die "$EXIT_FAILURE" "Spark's launcher failed: ${cmd[*]}"
    ((launcher_rc == 0)) || die "$EXIT_FAILURE" "Spark's launcher (org.apache.spark.launcher.Main) failed with exit code $launcher_rc"
    cmd=("${cmd[@]:0:n-1}")
    ((${#cmd[@]} > 0)) || die "$EXIT_FAILURE" "Spark's launcher did not produce a command"
  fi

  if [[ ${SPARKPROP_DRY_RUN:-} == 1 ]]; then
    printf '%q ' "${cmd[@]}"
    echo
    return 0
  fi

  # stdout and stderr also go through tee into files, to tell spark-submit's own failures from the
  # job's exit code 1 afterwards (see classify_failure).
  rm -f -- "$stdout_log.fifo" "$stderr_log.fifo"
  mkfifo -- "$stdout_log.fifo" "$stderr_log.fifo"
  (
    trap '' TERM INT HUP # keep copying until spark-submit has said its last word
    exec tee -a -- "$stdout_log" <"$stdout_log.fifo"
  ) &
  local tee_out=$!
  (
    trap '' TERM INT HUP
    # The JVM announces the incubator module (jdk.incubator.vector, for netlib's VectorBLAS) on
    # every start; expected, so not shown.
    tee -a -- "$stderr_log" <"$stderr_log.fifo" |
      grep --line-buffered -v -x -F 'WARNING: Using incubator modules: jdk.incubator.vector' >&2 || true
  ) &
  local tee_err=$!
  "${cmd[@]}" >"$stdout_log.fifo" 2>"$stderr_log.fifo" &
  local child=$!
  trap 'kill -TERM "$child" 2>/dev/null || true' TERM INT HUP
  local rc=0
  while true; do
    rc=0
    wait "$child" || rc=$?
    # wait returns >128 when a trapped signal interrupted it; the child may still be running.
    kill -0 "$child" 2>/dev/null || break
  done
  trap - TERM INT HUP
  wait "$tee_out" "$tee_err" 2>/dev/null || true
  rm -f -- "$stdout_log.fifo" "$stderr_log.fifo"
  return "$rc"
}

# Exit code 1 is the job's "gradients disagree", but spark-submit also exits 1 when it rejects its
# own arguments before the job starts (an uncaught SparkException, or its usage text), and a JVM
# dies with 1 on an uncaught Error. Prints the exit code that such a run really deserves.
classify_failure() {
  if grep -qE '^Usage: spark-submit' "$stderr_log" ||
    grep -A1 -E '^Exception in thread "main" org\.apache\.spark\.SparkException' "$stderr_log" |
    grep -qE '^[[:space:]]+at org\.apache\.spark\.deploy\.SparkSubmit'; then
    echo "$EXIT_BAD_INPUT" # spark-submit usage error
  elif grep -qE '^Exception in thread "main" |^Error occurred during initialization of VM' "$stderr_log" "$stdout_log"; then
    echo "$EXIT_FAILURE"
  else
    echo 1
  fi
}

if [[ $want_help == true ]]; then
  usage
  echo
  if [[ ${SPARKPROP_SKIP_BUILD:-} != 1 ]] && needs_build; then build; fi
  if [[ -f $APP_JAR ]]; then
    # The job's own option list (no Spark context is started for --help).
    cp="$APP_JAR"
    [[ -d $BUNDLED_JARS ]] && cp="$cp:$BUNDLED_JARS/*"
    [[ -n ${SPARK_HOME:-} && -d $SPARK_HOME/jars ]] && cp="$cp:$SPARK_HOME/jars/*"
    "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$cp" "$MAIN_CLASS" check --help | sed '1,2d' || true
  fi
  exit 0
fi

build

stdout_log=$(mktemp "${TMPDIR:-/tmp}/sparkprop-stdout.XXXXXX")
stderr_log=$(mktemp "${TMPDIR:-/tmp}/sparkprop-stderr.XXXXXX")
trap 'rm -f -- "$stdout_log" "$stderr_log" "$stdout_log.fifo" "$stderr_log.fifo"' EXIT

if [[ $spark_action == true ]]; then
  rc=0
  run_spark_submit ${extra_spark_args[@]+"${extra_spark_args[@]}"} "${spark_args[@]}" || rc=$?
  exit "$rc"
fi

rc=0
run_spark_submit ${extra_spark_args[@]+"${extra_spark_args[@]}"} ${spark_args[@]+"${spark_args[@]}"} \
  --class "$MAIN_CLASS" "$APP_JAR" "${app_args[@]}" || rc=$?

((rc != 1)) || rc=$(classify_failure)
case "$rc" in
  0 | 1 | 2 | 3) exit "$rc" ;;
  *)
    if ((rc > 128)); then
      echo "submit.sh: spark-submit was stopped by signal $((rc - 128)); exit $EXIT_FAILURE" >&2
    else
      echo "submit.sh: spark-submit exited with $rc; exit $EXIT_FAILURE" >&2
    fi
    exit "$EXIT_FAILURE"
    ;;
esac
