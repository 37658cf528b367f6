package demo

import (
	"fmt"

	"hasap/ledger"
	"hasap/money"
)

// The catalogs of the demo company: who it trades with, what it sells, who
// works there, what it owns. Everything here is read-only data; the
// analytic ids the store assigns live in the sim.

// role says how the company deals with a counterparty, and so which account
// its settlements go through.
type role int

const (
	supplier     role = iota // goods on 60.01, domestic, in TMT
	importer                 // goods on 60.21, in USD under a USD contract
	landlord                 // office rent on 60.01
	utility                  // services on 60.01
	customs                  // import VAT on 76.09
	customer                 // wholesale buyer on 62.01, pays to the bank
	cashCustomer             // shop on 62.01 that pays cash at once
)

// category groups goods so that customers buy what they deal in.
type category uint8

const (
	food category = 1 << iota
	textile
	electro
)

// party is a counterparty with its one contract.
type party struct {
	code     string
	names    ledger.Names
	role     role
	termDays int      // days of credit granted or taken
	weight   int      // how often a customer buys (0 for others)
	buys     category // what a customer buys
	wh       int      // the warehouse a customer is served from
	contract string   // the contract number
	usd      bool     // the contract is in US dollars
	bigTMT   int64    // a customer's largest typical order, whole TMT
	delivery bool     // the company's truck delivers its goods, billed by an act
}

func tk(name, ru string) ledger.Names { return ledger.Names{TK: name, RU: ru, EN: name} }

var parties = []party{
	{code: "K01", names: tk(`"Türkmen Ýüpek" HJ`, `ХО «Туркмен Юпек»`), role: supplier, termDays: 21, contract: "12/AÝ"},
	{code: "K02", names: tk(`"Garagum Un" HK`, `ЧП «Гарагум Ун»`), role: supplier, termDays: 14, contract: "07/GU"},
	{code: "K03", names: tk(`"Daşoguz Tüwi" HK`, `ЧП «Дашогуз Тюви»`), role: supplier, termDays: 14, contract: "03/DT"},
	{code: "K04", names: tk(`"Lebap Ýag" HJ`, `ХО «Лебап Ягь»`), role: supplier, termDays: 21, contract: "15/LÝ"},
	{code: "K05", names: tk(`"Mary Çaý Öýi" HJ`, `ХО «Мары Чай Ойи»`), role: supplier, termDays: 21, contract: "22/MÇ"},
	{code: "K06", names: tk(`"Ahal Şeker" HK`, `ЧП «Ахал Шекер»`), role: supplier, termDays: 14, contract: "05/AŞ"},
	{code: "K07", names: tk(`"Altyn Asyr Elektronika" HJ`, `ХО «Алтын Асыр Электроника»`), role: supplier, termDays: 30, contract: "31/AE"},
	{code: "K08", names: ledger.Names{TK: "Anadolu Tekstil Sanayi A.Ş. (Türkiýe)", RU: "Anadolu Tekstil Sanayi A.Ş. (Турция)", EN: "Anadolu Tekstil Sanayi A.Ş. (Türkiye)"},
		role: importer, termDays: 30, contract: "TR-04/USD", usd: true},
	{code: "K09", names: ledger.Names{TK: "Shenzhen Huaxin Electronics Co., Ltd. (Hytaý)", RU: "Shenzhen Huaxin Electronics Co., Ltd. (Китай)", EN: "Shenzhen Huaxin Electronics Co., Ltd. (China)"},
		role: importer, termDays: 30, contract: "CN-11/USD", usd: true},
	{code: "K10", names: tk(`"Aşgabat Söwda Merkezi" HJ`, `ХО «Ашхабадский торговый центр»`), role: landlord, termDays: 5, contract: "01/KÄ"},
	{code: "K11", names: tk(`"Aşgabatenergo" döwlet kärhanasy`, `ГП «Ашхабадэнерго»`), role: utility, termDays: 10, contract: "4471/E"},
	{code: "K12", names: tk(`"Türkmentelekom" elektrik aragatnaşyk kompaniýasy`, `ЭК «Туркментелеком»`), role: utility, termDays: 10, contract: "9925/T"},
	{code: "K13", names: tk("Türkmenistanyň Döwlet gümrük gullugy", "Государственная таможенная служба Туркменистана"), role: customs, contract: "GG/01"},
	{code: "K14", names: tk(`"Balkan Gurluşyk" HK`, `ЧП «Балкан Гурлушык»`), role: customer, termDays: 30, weight: 3, buys: textile | electro, wh: 0, bigTMT: 60000, contract: "S-14"},
	{code: "K15", names: tk(`"Ýyldyz" söwda merkezi HJ`, `ХО ТЦ «Йылдыз»`), role: customer, termDays: 14, weight: 5, buys: food | textile | electro, wh: 0, bigTMT: 80000, contract: "S-15"},
	{code: "K16", names: tk(`"Bereket Market" HK`, `ЧП «Берекет Маркет»`), role: customer, termDays: 7, weight: 6, buys: food, wh: 0, bigTMT: 40000, contract: "S-16"},
	{code: "K17", names: tk(`"Täze Zaman" HK`, `ЧП «Тязе Заман»`), role: customer, termDays: 14, weight: 3, buys: electro | textile, wh: 0, bigTMT: 50000, contract: "S-17"},
	{code: "K18", names: tk(`"Gündogar Söwda" HJ`, `ХО «Гюндогар Совда»`), role: customer, termDays: 21, weight: 4, buys: food | textile, wh: 0, bigTMT: 60000, contract: "S-18"},
	{code: "K19", names: tk(`"Nusaý Azyk" HK`, `ЧП «Нусай Азык»`), role: customer, termDays: 7, weight: 5, buys: food, wh: 0, bigTMT: 30000, contract: "S-19"},
	{code: "K20", names: tk(`"Köpetdag Söwda" HJ`, `ХО «Копетдаг Совда»`), role: customer, termDays: 14, weight: 4, buys: food | electro, wh: 0, bigTMT: 50000, contract: "S-20"},
	{code: "K21", names: tk(`"Amul Bazar" HK (Türkmenabat)`, `ЧП «Амул Базар» (Туркменабат)`), role: customer, termDays: 21, weight: 3, buys: food | textile, wh: 1, bigTMT: 40000, contract: "S-21", delivery: true},
	{code: "K22", names: tk(`"Merw Azyk" HJ (Mary)`, `ХО «Мерв Азык» (Мары)`), role: customer, termDays: 14, weight: 4, buys: food, wh: 1, bigTMT: 40000, contract: "S-22"},
	{code: "K23", names: tk(`"Sähra Market" HK (Mary)`, `ЧП «Сяхра Маркет» (Мары)`), role: customer, termDays: 7, weight: 3, buys: food | electro, wh: 1, bigTMT: 25000, contract: "S-23"},
	{code: "K24", names: tk(`"Hazar Söwda" HJ (Türkmenbaşy)`, `ХО «Хазар Совда» (Туркменбаши)`), role: customer, termDays: 30, weight: 2, buys: food | textile, wh: 0, bigTMT: 70000, contract: "S-24", delivery: true},
	// The Russian customer buys ex-warehouse Ashgabat through its representative
	// office and pays in manat, so its sales are domestic and carry 15 % VAT.
	{code: "K25", names: ledger.Names{TK: `"Wolga-Treýd" JÇJ (Russiýa)`, RU: `ООО «Волга-Трейд» (Россия)`, EN: "Volga-Trade LLC (Russia)"},
		role: customer, termDays: 30, weight: 2, buys: textile, wh: 0, bigTMT: 80000, contract: "S-25"},
	{code: "K26", names: tk(`"Dostluk" dükany, telekeçi G. Orazowa`, `Магазин «Достлук», ИП Оразова Г.`), role: cashCustomer, weight: 3, buys: food, wh: 0, bigTMT: 6000, contract: "S-26"},
	{code: "K27", names: tk(`"Jeren" dükany, telekeçi B. Annaýew (Mary)`, `Магазин «Джерен», ИП Аннаев Б. (Мары)`), role: cashCustomer, weight: 3, buys: food | textile, wh: 1, bigTMT: 5000, contract: "S-27"},
}

// good is an item of the assortment. cost is the usual purchase price of one
// unit without VAT, in the supplier's currency (minor units): TMT for
// domestic suppliers, USD for importers.
type good struct {
	code      string
	names     ledger.Names
	cat       category
	supplier  int // index into parties
	cost      money.Amount
	markupPct int64 // sale price over the usual cost, before VAT
}

func g(code, tkName, ru, en string, cat category, supplier int, cost money.Amount, markup int64) good {
	return good{code: code, names: ledger.Names{TK: tkName, RU: ru, EN: en}, cat: cat, supplier: supplier, cost: cost, markupPct: markup}
}

// Indices of the suppliers in parties.
const (
	supTextile = 0
	supFlour   = 1
	supRice    = 2
	supOil     = 3
	supTea     = 4
	supSugar   = 5
	supElectro = 6
	supTurkey  = 7
	supChina   = 8
	ptLandlord = 9
	ptEnergy   = 10
	ptTelecom  = 11
	ptCustoms  = 12
)

var goods = []good{
	g("H01", "Gök çaý, 100 g", "Чай зелёный, 100 г", "Green tea, 100 g", food, supTea, 600, 30),
	g("H02", "Gara çaý, 250 g", "Чай чёрный, 250 г", "Black tea, 250 g", food, supTea, 1400, 30),
	g("H03", "Gök çaý «95», 1 kg", "Чай зелёный «95», 1 кг", "Green tea «95», 1 kg", food, supTea, 4800, 28),
	g("H04", "Gara çaý, dänejikli, 500 g", "Чай чёрный гранулированный, 500 г", "Black tea, granulated, 500 g", food, supTea, 2200, 30),
	g("H05", "Paketli çaý, 100 paket", "Чай пакетированный, 100 пак.", "Tea bags, 100 pcs", food, supTea, 2600, 32),
	g("H06", "Un, birinji sort, 50 kg", "Мука первого сорта, 50 кг", "Flour, first grade, 50 kg", food, supFlour, 21000, 18),
	g("H07", "Un, ýokary sort, 25 kg", "Мука высшего сорта, 25 кг", "Flour, premium, 25 kg", food, supFlour, 13000, 20),
	g("H08", "Un, ýokary sort, 2 kg", "Мука высшего сорта, 2 кг", "Flour, premium, 2 kg", food, supFlour, 1150, 22),
	g("H09", "Makaron, 400 g", "Макароны, 400 г", "Pasta, 400 g", food, supFlour, 480, 25),
	g("H10", "Ugra, 5 kg", "Вермишель, 5 кг", "Vermicelli, 5 kg", food, supFlour, 4200, 24),
	g("H11", "Tüwi «Daşoguz», 1 kg", "Рис «Дашогуз», 1 кг", "Rice «Dashoguz», 1 kg", food, supRice, 1400, 25),
	g("H12", "Tüwi, uzyn dänejikli, 25 kg", "Рис длиннозёрный, 25 кг", "Rice, long grain, 25 kg", food, supRice, 32000, 20),
	g("H13", "Tüwi «Dewzira», 5 kg", "Рис «Девзира», 5 кг", "Rice «Devzira», 5 kg", food, supRice, 9500, 27),
	g("H14", "Pagta ýagy, 1 l", "Масло хлопковое, 1 л", "Cottonseed oil, 1 l", food, supOil, 1800, 22),
	g("H15", "Günebakar ýagy, 5 l", "Масло подсолнечное, 5 л", "Sunflower oil, 5 l", food, supOil, 9500, 22),
	g("H16", "Pagta ýagy, 10 l", "Масло хлопковое, 10 л", "Cottonseed oil, 10 l", food, supOil, 17000, 20),
	g("H17", "Sary ýag, 500 g", "Масло сливочное, 500 г", "Butter, 500 g", food, supOil, 3800, 25),
	g("H18", "Şeker, 50 kg", "Сахар, 50 кг", "Sugar, 50 kg", food, supSugar, 38000, 15),
	g("H19", "Şeker, 1 kg", "Сахар, 1 кг", "Sugar, 1 kg", food, supSugar, 850, 20),
	g("H20", "Gant, 1 kg", "Сахар-рафинад, 1 кг", "Sugar cubes, 1 kg", food, supSugar, 1200, 25),
	g("H21", "Pagta mata, metr", "Ткань хлопчатобумажная, м", "Cotton fabric, metre", textile, supTextile, 2200, 35),
	g("H22", "Keteni, ýüpek mata, metr", "Кетени, шёлковая ткань, м", "Keteni silk fabric, metre", textile, supTextile, 8500, 35),
	g("H23", "Süpürgiç, 70×140", "Полотенце махровое, 70×140", "Terry towel, 70×140", textile, supTextile, 3500, 40),
	g("H24", "Düşek esbaplary toplumy", "Комплект постельного белья", "Bed linen set", textile, supTextile, 26000, 35),
	g("H25", "Trikotaž futbolka", "Футболка трикотажная", "Knitted T-shirt", textile, supTextile, 2800, 40),
	g("H26", "Jins balak", "Джинсы", "Jeans", textile, supTurkey, 1200, 45),
	g("H27", "Erkek köýnegi", "Рубашка мужская", "Men's shirt", textile, supTurkey, 800, 45),
	g("H28", "Aýal köýnegi", "Платье женское", "Women's dress", textile, supTurkey, 1500, 50),
	g("H29", "Çaga futbolkasy", "Футболка детская", "Children's T-shirt", textile, supTurkey, 300, 50),
	g("H30", "Ýorgan", "Одеяло", "Blanket", textile, supTurkey, 2200, 40),
	g("H31", "Smartfon Xiaomi Redmi 13C", "Смартфон Xiaomi Redmi 13C", "Smartphone Xiaomi Redmi 13C", electro, supChina, 9500, 30),
	g("H32", "Smartfon Samsung Galaxy A15", "Смартфон Samsung Galaxy A15", "Smartphone Samsung Galaxy A15", electro, supChina, 14000, 28),
	g("H33", "Smartfon Honor X8b", "Смартфон Honor X8b", "Smartphone Honor X8b", electro, supChina, 16500, 28),
	g("H34", "Mobil telefon Nokia 105", "Мобильный телефон Nokia 105", "Mobile phone Nokia 105", electro, supChina, 1400, 35),
	g("H35", "Göçme akkumulýator, 10000 mA·s", "Внешний аккумулятор, 10000 мА·ч", "Power bank, 10000 mAh", electro, supChina, 900, 45),
	g("H36", "Zarýad beriji, USB-C", "Зарядное устройство USB-C", "USB-C charger", electro, supChina, 300, 60),
	g("H37", "Simsiz gulaklyk", "Наушники беспроводные", "Wireless earphones", electro, supChina, 600, 55),
	g("H38", "Telefon gaby", "Чехол для телефона", "Phone case", electro, supChina, 120, 80),
	g("H39", "Elektrik çäýnek", "Электрочайник", "Electric kettle", electro, supElectro, 18000, 25),
	g("H40", "Ütük", "Утюг", "Iron", electro, supElectro, 22000, 25),
	g("H41", "Saç guradyjy", "Фен", "Hair dryer", electro, supElectro, 16000, 28),
	g("H42", "LED lampa, 12 W", "Лампа светодиодная, 12 Вт", "LED bulb, 12 W", electro, supElectro, 1200, 35),
}

// warehouses: the main one in Ashgabat and the branch in Mary.
var warehouses = []ledger.Analytic{
	{Kind: ledger.Warehouse, Code: "A1", Names: ledger.Names{TK: "Esasy ammar (Aşgabat)", RU: "Основной склад (Ашхабад)", EN: "Main warehouse (Ashgabat)"}},
	{Kind: ledger.Warehouse, Code: "A2", Names: ledger.Names{TK: "Mary ammary", RU: "Склад в Мары", EN: "Mary warehouse"}},
}

// person is an employee: monthly gross salary, the expense account it is
// charged to (26 administration, 44 selling) and whether it is paid in cash
// from the desk rather than to a bank card.
type person struct {
	code    string
	names   ledger.Names
	salary  money.Amount
	expense ledger.AccountCode
	cash    bool
}

var staff = []person{
	{"I01", tk("Amanow Merdan Batyrowiç", "Аманов Мердан Батырович"), 1200000, accAdmin, false},
	{"I02", tk("Öwezowa Jeren Myradowna", "Овезова Джерен Мырадовна"), 900000, accAdmin, false},
	{"I03", tk("Berdiýew Batyr Serdarowiç", "Бердиев Батыр Сердарович"), 700000, accSelling, false},
	{"I04", tk("Annaýewa Maýsa Orazowna", "Аннаева Майса Оразовна"), 650000, accSelling, false},
	{"I05", tk("Orazow Döwlet Amanowiç", "Оразов Довлет Аманович"), 500000, accSelling, false},
	{"I06", tk("Hojamuradow Serdar Nurmuhammedowiç", "Ходжамурадов Сердар Нурмухаммедович"), 450000, accSelling, true},
	{"I07", tk("Nurýagdyýew Kerim Allaberdiýewiç", "Нурягдыев Керим Аллабердыевич"), 400000, accSelling, true},
	{"I08", tk("Gurbanowa Aýna Begmyradowna", "Гурбанова Айна Бегмырадовна"), 350000, accAdmin, true},
}

// driver is the index in staff of the employee who takes cash advances
// for fuel; cashier the one who keeps the cash desk.
const (
	driver  = 6
	cashier = 7
)

// asset is a fixed asset, depreciated straight-line over lifeMonths; usedMonths
// have passed before the demo year.
type asset struct {
	code       string
	names      ledger.Names
	cost       money.Amount
	lifeMonths int64
	usedMonths int64
	expense    ledger.AccountCode
}

var assets = []asset{
	{"ES-001", ledger.Names{TK: "Ýük awtoulagy ISUZU NQR", RU: "Грузовой автомобиль ISUZU NQR", EN: "Truck ISUZU NQR"}, 42000000, 96, 30, accSelling},
	{"ES-002", ledger.Names{TK: "Kompýuterler we ofis enjamlary", RU: "Компьютеры и оргтехника", EN: "Computers and office equipment"}, 4800000, 36, 14, accAdmin},
	{"ES-003", ledger.Names{TK: "Ammar tekjeleri we sowadyjy enjam", RU: "Складские стеллажи и холодильное оборудование", EN: "Warehouse shelving and refrigeration"}, 9600000, 120, 40, accSelling},
}

// Cash-flow items, by index.
const (
	cfSales = iota
	cfSuppliers
	cfPayroll
	cfTaxes
	cfTransfers
	cfOther
	nCashflow
)

var cashflows = [nCashflow]ledger.Analytic{
	{Kind: ledger.CashFlowItem, Code: "PA01", Names: ledger.Names{TK: "Harytlaryň satuwyndan girdejiler", RU: "Поступления от продажи товаров", EN: "Receipts from sales of goods"}},
	{Kind: ledger.CashFlowItem, Code: "PA02", Names: ledger.Names{TK: "Üpjün edijilere tölegler", RU: "Оплата поставщикам", EN: "Payments to suppliers"}},
	{Kind: ledger.CashFlowItem, Code: "PA03", Names: ledger.Names{TK: "Zähmet haky", RU: "Оплата труда", EN: "Payroll"}},
	{Kind: ledger.CashFlowItem, Code: "PA04", Names: ledger.Names{TK: "Salgytlar we ýygymlar", RU: "Налоги и сборы", EN: "Taxes and levies"}},
	{Kind: ledger.CashFlowItem, Code: "PA05", Names: ledger.Names{TK: "Içerki geçirimler", RU: "Внутренние перемещения", EN: "Internal transfers"}},
	{Kind: ledger.CashFlowItem, Code: "PA06", Names: ledger.Names{TK: "Beýleki", RU: "Прочие", EN: "Other"}},
}

// createCatalogs adds every catalog entry through the app and keeps the ids.
func (s *sim) createCatalogs() error {
	for i := range parties {
		p := &parties[i]
		cp := ledger.Analytic{Kind: ledger.Counterparty, Code: p.code, Names: p.names}
		if err := s.create(&cp); err != nil {
			return err
		}
		num := fmt.Sprintf("%s/%d", p.contract, s.year)
		ct := ledger.Analytic{Kind: ledger.Contract, Code: num, Owner: cp.ID, Names: contractNames(num, p.usd)}
		if err := s.create(&ct); err != nil {
			return err
		}
		s.party[i], s.contract[i] = cp.ID, ct.ID
	}
	for i := range goods {
		it := ledger.Analytic{Kind: ledger.Item, Code: goods[i].code, Names: goods[i].names}
		if err := s.create(&it); err != nil {
			return err
		}
		s.item[i] = it.ID
	}
	for i := range warehouses {
		w := warehouses[i]
		if err := s.create(&w); err != nil {
			return err
		}
		s.wh[i] = w.ID
	}
	for i := range staff {
		e := ledger.Analytic{Kind: ledger.Employee, Code: staff[i].code, Names: staff[i].names}
		if err := s.create(&e); err != nil {
			return err
		}
		s.emp[i] = e.ID
	}
	for i := range assets {
		f := ledger.Analytic{Kind: ledger.FixedAsset, Code: assets[i].code, Names: assets[i].names}
		if err := s.create(&f); err != nil {
			return err
		}
		s.asset[i] = f.ID
	}
	for i := range cashflows {
		c := cashflows[i]
		if err := s.create(&c); err != nil {
			return err
		}
		s.cf[i] = c.ID
	}
	return nil
}

func contractNames(num string, usd bool) ledger.Names {
	n := ledger.Names{TK: "Şertnama № " + num, RU: "Договор № " + num, EN: "Contract No. " + num}
	if usd {
		n.TK += " (ABŞ dollary)"
		n.RU += " (в долларах США)"
		n.EN += " (US dollars)"
	}
	return n
}
