// Command ferretdb-launcher runs an embedded FerretDB 1.24 (SQLite backend) for PMO Assistant's
// local default database. It prints one JSON line {"uri": "..."} on stdout once it listens, and
// stops cleanly on SIGINT/SIGTERM or when its parent closes stdin (so it never outlives the bot).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// sqlitePragmas are FerretDB's own defaults (busy handler before WAL, as it sets them), plus
// synchronous=NORMAL: in WAL mode a commit then writes the log without waiting for fsync, and the
// log is synced at checkpoints. A write acknowledged to the bot survives the bot's and FerretDB's
// own crash; an operating-system crash or power loss may lose the last commits, as a standalone
// mongod's default (w:1, journal flushed every 100 ms) may. Upstream's FULL syncs on every commit:
// on this machine half of a Teams turn's database time went to those fsyncs.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)&_pragma=synchronous(normal)"

func main() {
	addr := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free one)")
	dir := flag.String("data", ".data/ferretdb", "directory for the SQLite files")
	watchStdin := flag.Bool("watch-stdin", false, "exit when stdin closes (the parent process died)")
	logLevel := flag.String("log-level", "error", "debug, info, warn or error")
	flag.Parse()

	// FerretDB allocates for every document it decodes, and its SQLite backend decodes every
	// document a query scans: with Go's default GOGC=100 about a third of a large scan went to
	// collecting garbage. 400 spends some 30 MB more heap for scans about a quarter faster.
	// A GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}

	abs, err := filepath.Abs(*dir)
	if err != nil {
		fail(err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		fail(err)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail(err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *addr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/?" + sqlitePragmas,
	})
	if err != nil {
		fail(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	line, _ := json.Marshal(map[string]string{"uri": f.MongoDBURI(), "data": abs})
	fmt.Println(string(line))

	if err := <-done; err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ferretdb-launcher:", err)
	os.Exit(1)
}
