package camt053

// The shapes of the elements decoded whole. Names are local names: they
// match in any namespace.

type amtXML struct {
	Ccy   string `xml:"Ccy,attr"`
	Value string `xml:",chardata"`
}

type dateXML struct {
	Dt   string `xml:"Dt"`
	DtTm string `xml:"DtTm"`
}

type codeXML struct {
	Value string `xml:",chardata"` // camt.053.001.02: <Sts>BOOK</Sts>
	Cd    string `xml:"Cd"`        // later versions: <Sts><Cd>BOOK</Cd></Sts>
	Prtry string `xml:"Prtry"`
}

type acctXML struct {
	Id struct {
		IBAN string `xml:"IBAN"`
		Othr struct {
			Id string `xml:"Id"`
		} `xml:"Othr"`
	} `xml:"Id"`
	Ccy string `xml:"Ccy"`
}

type balXML struct {
	Tp struct {
		CdOrPrtry codeXML `xml:"CdOrPrtry"`
	} `xml:"Tp"`
	Amt       amtXML  `xml:"Amt"`
	CdtDbtInd string  `xml:"CdtDbtInd"`
	Dt        dateXML `xml:"Dt"`
}

type partyXML struct {
	Nm  string `xml:"Nm"`
	Pty struct {
		Nm string `xml:"Nm"`
	} `xml:"Pty"`
}

type txXML struct {
	Refs struct {
		EndToEndId  string `xml:"EndToEndId"`
		AcctSvcrRef string `xml:"AcctSvcrRef"`
	} `xml:"Refs"`
	RltdPties struct {
		Dbtr     partyXML `xml:"Dbtr"`
		DbtrAcct acctXML  `xml:"DbtrAcct"`
		Cdtr     partyXML `xml:"Cdtr"`
		CdtrAcct acctXML  `xml:"CdtrAcct"`
	} `xml:"RltdPties"`
	RmtInf struct {
		Ustrd []string `xml:"Ustrd"`
		Strd  []struct {
			CdtrRefInf struct {
				Ref string `xml:"Ref"`
			} `xml:"CdtrRefInf"`
		} `xml:"Strd"`
	} `xml:"RmtInf"`
	AddtlTxInf string `xml:"AddtlTxInf"`
}

type ntryXML struct {
	Amt          amtXML  `xml:"Amt"`
	CdtDbtInd    string  `xml:"CdtDbtInd"`
	Sts          codeXML `xml:"Sts"`
	BookgDt      dateXML `xml:"BookgDt"`
	ValDt        dateXML `xml:"ValDt"`
	AcctSvcrRef  string  `xml:"AcctSvcrRef"`
	AddtlNtryInf string  `xml:"AddtlNtryInf"`
	NtryDtls     []struct {
		TxDtls []txXML `xml:"TxDtls"`
	} `xml:"NtryDtls"`
}
