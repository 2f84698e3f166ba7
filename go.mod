module github.com/careprint/careprint

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0 // indirect
	github.com/boombuler/barcode v1.1.0 // indirect
	github.com/go-pdf/fpdf v0.9.0 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/rogpeppe/go-internal v1.16.0 // indirect
	github.com/spf13/cobra v1.10.2 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
	golang.org/x/image v0.47.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
