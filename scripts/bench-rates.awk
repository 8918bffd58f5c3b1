#!/usr/bin/awk -f
# SPDX-License-Identifier: MIT
# bench-rates.awk [-v target=0.01] RUN.ts: from a timestamped serial log
# (scripts/bench.sh's *.ts: host seconds, then the line), the collapse
# rate of each family (iterations a second, from its first row's
# "# start:" to its last "# result:") and, per row, the time a run needs for its bound to
# reach target at that rate: the units n with 1 - 0.05^(1/n) <= target * w,
# w the presence rate its no-flush twin showed (twin=; 1, unconditioned,
# where it has none or it showed nothing), over units a second
# (docs/bench.md, "Time to a bound").  A row's time is the kernel's own
# elapsed_ms= where it gave one (iters=auto), else the host time between
# the two lines; a row shorter than 50 ms of host time (serial output
# arrives in bursts) has no rate of its own and gets its family's (~), or
# n/a.
function kv(line, key,    m) {
	if (match(line, " " key "=[^ ]*")) {
		m = substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 2)
		return m
	}
	return ""
}
function max_stale(line,    a, b, c, d, m) {
	a = kv(line, "units_stale_tlb") + 0; b = kv(line, "units_stale_walk") + 0
	c = kv(line, "units_stale_walk_pdpte") + 0; d = kv(line, "units_walk_fault") + 0
	m = a; if (b > m) m = b; if (c > m) m = c; if (d > m) m = d
	return m
}
BEGIN { if (target == "") target = 0.01 }
/ # start: / { start[$NF] = $1 }
/ # result: / {
	name = kv($0, "name"); units = kv($0, "units") + 0; iters = kv($0, "iters") + 0
	if (!(name in start) || !units) next
	dt = $1 - start[name]
	if (kv($0, "elapsed_ms") != "")
		dt = kv($0, "elapsed_ms") / 1000
	if (dt < 0.05) dt = 0
	order[++n] = name
	u[name] = units; it[name] = iters; t[name] = dt
	st[name] = max_stale($0); tw[name] = kv($0, "twin")
	fam = name; sub(/\..*/, "", fam)
	fit[fam] += iters
	if (!(fam in seen)) { seen[fam] = 1; fams[++nf] = fam; ff[fam] = start[name] }
	fl[fam] = $1
}
END {
	print "Collapse rate per family (iterations a second, first start to last result line)"
	for (i = 1; i <= nf; i++) {
		f = fams[i]; d = fl[f] - ff[f]
		if (d >= 0.05)
			printf "  %-14s %8.1f it/s (%d iterations in %.2f s)\n", f,
				fit[f] / d, fit[f], d
		else
			printf "  %-14s %8s (%d iterations in under 50 ms)\n", f,
				"n/a", fit[f]
	}
	printf "\nTime for each row's bound to reach %g%% at that rate\n", 100 * target
	printf "  %-36s %9s %7s %8s %9s\n", "row", "units/s", "w", "units", "seconds"
	for (i = 1; i <= n; i++) {
		name = order[i]; w = 1; cond = "-"
		if (tw[name] != "" && tw[name] != "none" && (tw[name] in u) && st[tw[name]] > 0) {
			w = st[tw[name]] / u[tw[name]]; cond = sprintf("%.3f", w)
		}
		need = log(0.05) / log(1 - target * w)
		need = int(need) + (need > int(need))
		f = name; sub(/\..*/, "", f); d = fl[f] - ff[f]; mark = ""
		if (t[name]) {
			rate = u[name] / t[name]
		} else if (d >= 0.05 && it[name]) {
			rate = fit[f] / d * u[name] / it[name]; mark = "~"
		} else {
			printf "  %-36s %9s %7s %8d %9s\n", name, "n/a", cond, need, "n/a"
			continue
		}
		printf "  %-36s %8.1f%1s %7s %8d %9.1f\n", name, rate, mark, cond, need,
			need / rate
	}
	print "  (w: the twin's stale units over its units; -: unconditioned;"
	print "  ~: the row took under 50 ms of host time, its family's rate;"
	print "  n/a: the family too, raise BENCH_ITERS)"
}
