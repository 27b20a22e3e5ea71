#!/usr/bin/python3
"""Times the six training runs of the README's advice-cost table on the 100,000 x 20 CSV
of syn100k.py: medians of 5 fresh processes of each (REPS to change), the command's wall
time and the run's elapsed_seconds and advice_seconds (from --json). Several binaries,
comma-separated, are run alternately (before/after a change, in the same load), one
table each.

    /usr/bin/python3 bench/advice/syn100k.py /tmp/syn100k.csv
    go build -o /tmp/descent ./cmd/descent
    /usr/bin/python3 bench/advice/cost100k.py /tmp/descent /tmp/syn100k.csv
    /usr/bin/python3 bench/advice/cost100k.py /tmp/before,/tmp/after /tmp/syn100k.csv 7
"""
import json, statistics, subprocess, sys, time
runs = [
 ("logistic, raw, Adam 0.01, batch 64, 5 epochs", ["--model","logistic","--opt","adam:lr=0.01","--batch","64","--epochs","5"]),
 ("logistic, standardized, gd 0.1, batch 32, 100 epochs", ["--model","logistic","--standardize","--opt","gd:lr=0.1","--epochs","100"]),
 ("logistic, standardized, momentum 0.9, lr 0.01, batch 32, 3 epochs", ["--model","logistic","--standardize","--opt","sgd:lr=0.01,momentum=0.9","--batch","32","--epochs","3"]),
 ("softmax, raw, gd 0.001, batch 32, 50 epochs", ["--model","softmax","--opt","gd:lr=0.001","--epochs","50"]),
 ("MLP 32, standardized, Adam 0.001, batch 128, 3 epochs", ["--model","mlp:hidden=32","--standardize","--opt","adam:lr=0.001","--batch","128","--epochs","3"]),
 ("MLP 32, standardized, momentum 0.9, lr 0.01, batch 64, 10 epochs", ["--model","mlp:hidden=32","--standardize","--opt","sgd:lr=0.01,momentum=0.9","--batch","64","--epochs","10"]),
]
bins, csv = sys.argv[1].split(","), sys.argv[2]
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
got = {b: {name: ([], [], []) for name, _ in runs} for b in bins}
for i in range(reps):
    for name, a in runs:
        for b in bins:
            t = time.perf_counter()
            d = json.loads(subprocess.run([b,"train","--data",csv,"--seed","1","--json"]+a, capture_output=True, text=True).stdout)
            w, el, ad = got[b][name]
            w.append(time.perf_counter()-t); el.append(d["elapsed_seconds"]); ad.append(d["advice_seconds"])
for b in bins:
    if len(bins) > 1:
        print(f"\n{b}:\n")
    print("| run | command wall | run + advice | advice / run | advice / command |")
    print("|---|---|---|---|---|")
    for name, _ in runs:
        W, e, v = (statistics.median(x) for x in got[b][name])
        print(f"| {name} | {W:.3f} s | {e:.3f} + {v:.3f} s | {100*v/e:.1f} % | {100*v/W:.1f} % |")
