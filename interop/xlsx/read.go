package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// maxReadPart bounds a part ReadCells unzips.
const maxReadPart = 64 << 20

// ReadCells reads back the cells of the first worksheet of a workbook
// Write wrote: each cell's value by reference ("C7": "1150.00"), texts
// from the shared strings, numbers and dates as their stored numbers. It
// is the minimal reader the exports' tests check files with, not a
// general XLSX reader.
func ReadCells(data []byte) (map[string]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	part := func(name string) ([]byte, error) {
		f, err := zr.Open(name)
		if err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
		defer f.Close()
		return io.ReadAll(io.LimitReader(f, maxReadPart))
	}
	sstXML, err := part("xl/sharedStrings.xml")
	if err != nil {
		return nil, err
	}
	wsXML, err := part("xl/worksheets/sheet1.xml")
	if err != nil {
		return nil, err
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal(sstXML, &sst); err != nil {
		return nil, fmt.Errorf("xlsx shared strings: %w", err)
	}
	var ws struct {
		Rows []struct {
			C []struct {
				R string `xml:"r,attr"`
				T string `xml:"t,attr"`
				V string `xml:"v"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	if err := xml.Unmarshal(wsXML, &ws); err != nil {
		return nil, fmt.Errorf("xlsx worksheet: %w", err)
	}
	cells := map[string]string{}
	for _, r := range ws.Rows {
		for _, c := range r.C {
			v := c.V
			if c.T == "s" {
				i, err := strconv.Atoi(v)
				if err != nil || i < 0 || i >= len(sst.SI) {
					return nil, fmt.Errorf("xlsx: cell %s: shared string %q out of range", c.R, v)
				}
				v = sst.SI[i].T
			}
			if v != "" {
				cells[c.R] = v
			}
		}
	}
	return cells, nil
}
