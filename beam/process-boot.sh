#!/bin/sh
# process-boot.sh is the command of Beam's PROCESS environment for a Prism
# job server:
#
#   --environment_type=PROCESS
#   --environment_config='{"command":"/path/process-boot.sh","env":{"DESCENT_BEAM_BOOT":"/path/boot"}}'
#
# where boot is the Go SDK's boot loader (go build
# github.com/apache/beam/sdks/v2/go/container). It works around three
# behaviours of Beam v2.78.0 seen on this path:
#  - Prism starts the command with --id='<id>' without a shell, so the
#    quotes reach the boot loader, whose worker is then "not registered in
#    worker pool" and the job hangs in RUNNING: the quotes are removed here;
#  - when the job ends Prism kills this command but not the boot loader and
#    the worker it started, which then run on: a watchdog stops their
#    process group once this script is gone;
#  - the boot loader copies the staged worker binary into /tmp/bin*/worker
#    and stages artifacts in its --semi_persist_dir (about 300 MB per job
#    for descent-beam) and never removes them: the watchdog removes both.
set -eu
boot="${DESCENT_BEAM_BOOT:-$(dirname "$0")/boot}"
id=""
prov=""
for a in "$@"; do
	case "$a" in
	--id=*) id="${a#--id=}"; id="${id#\'}"; id="${id%\'}" ;;
	--provision_endpoint=*) prov="$a" ;;
	esac
done
dir=$(mktemp -d "${TMPDIR:-/tmp}/descent-beam-worker.XXXXXX")
before=$(ls -d /tmp/bin* 2>/dev/null || true)
# setsid: the boot loader and its worker form a process group of their own.
setsid "$boot" --id="$id" "$prov" --semi_persist_dir="$dir" &
group=$!
me=$$
(
	bins=""
	while kill -0 "$me" 2>/dev/null && kill -0 "$group" 2>/dev/null; do
		for p in $(pgrep -P "$group" 2>/dev/null || true); do
			exe=$(readlink "/proc/$p/exe" 2>/dev/null || true)
			case "$exe" in
			/tmp/bin*/worker) case " $bins " in *" ${exe%/worker} "*) ;; *) bins="$bins ${exe%/worker}" ;; esac ;;
			esac
		done
		sleep 0.2
	done
	kill -TERM "-$group" 2>/dev/null || true
	sleep 2
	kill -KILL "-$group" 2>/dev/null || true
	# A worker copy made since this script started that no process runs.
	for d in /tmp/bin*; do
		[ -f "$d/worker" ] || continue
		case " $(echo $before) $bins " in *" $d "*) continue ;; esac
		busy=""
		for e in /proc/[0-9]*/exe; do
			[ "$(readlink "$e" 2>/dev/null)" = "$d/worker" ] && busy=1 && break
		done
		[ -n "$busy" ] || bins="$bins $d"
	done
	echo "process-boot.sh: job over: stopped process group $group, removed $dir$bins"
	rm -rf "$dir" $bins
) </dev/null >>"${DESCENT_BEAM_BOOT_LOG:-/dev/null}" 2>&1 &
wait "$group"
