// Package batch is what the batch runner keeps apart from its command: the plan (the
// roster read a row at a time, every row checked, every file named) and the feeding of
// the planned rows to the workers, the names of the handouts' files, the record that lets a batch run again skip every handout whose inputs
// and file are unchanged, the maker that makes one row's handout, and the merger that
// draws the handouts into one file.
//
//	pl, err := batch.NewPlan(p, batch.Options{Roster: "day.csv", Path: path, ...}, report)
//	// report(msg) gets each bad row's message, in line order; ErrReported: stopped
//	changed := pl.Feed(ctx, next, merger) // the second reading: a batch.Job per row
//	changed, stopped := pl.Run(ctx, maker, merger, outcomes, workers, failFast, done)
//
//	fn := batch.NewFileNamer()
//	name, dup := fn.Claim(id, line)   // a row with an id; dup > 0: that line's id took it
//	name = fn.Unnamed(line, date)     // a row without one, once every id has claimed
//
//	rec, warning := batch.OpenRecord(p, outDir, k, n) // nil: make every handout
//	mac := rec.MAC(req, date)
//	if pages, ok := rec.Current(path, mac); ok { /* skip */ }
//	rec.Set(path, mac, pdf, pages)
//	err := rec.Save()
//
//	mk := &batch.Maker{Project: p, Record: rec, Date: documentDate}
//	o := mk.Make(req, path) // an Outcome: pages, written, or the row's error
//
//	m := batch.NewMerger(p, batch.MergeOptions{File: "day.pdf", ...}, outcomes, workers)
//	m.Reserve(ctx) before feeding row i; m.Done(i) once outcomes[i] is set; m.Close()
//	written, warning, err := m.Write()
//
// It works from an engine.Project and never prints: warnings and errors are returned.
package batch
