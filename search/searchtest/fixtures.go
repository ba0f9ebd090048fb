package searchtest

import (
	"norma/search"
	"norma/workflow"
)

// Documents returns the fixture library, fresh on every call: issued
// national, industry, local and group standards (current, superseded,
// abolished), and drafts, texts under review and under public notice that
// only some readers may find.
func Documents() []search.Document {
	docs := make([]search.Document, 0, len(fixtures))
	for _, f := range fixtures {
		d := f
		d.NumberKeys = search.NumberKeys(d.Number)
		d.Readers = append([]string(nil), f.Readers...)
		docs = append(docs, d)
	}
	return docs
}

var public = []string{workflow.ReaderPublic}

var fixtures = []search.Document{
	{ID: "s01", Number: "GB/T 1.1—2020", Title: "标准化工作导则　第1部分：标准化文件的结构和起草规则",
		Level: "national", Category: "基础标准", State: "issued", Status: "current", IssueDate: "2020-03-31", Readers: public,
		Body: "本文件确立了标准化文件的结构及其起草的总体原则和要求，并规定了文件名称、层次、要素的编写和表述规则以及文件的编排格式。\n本文件适用于国家、行业和地方标准化文件的起草。"},
	{ID: "s02", Number: "GB/T 1.1—2009", Title: "标准化工作导则　第1部分：标准的结构和编写",
		Level: "national", Category: "基础标准", State: "issued", Status: "superseded", IssueDate: "2009-06-17", Readers: public,
		Body: "本部分规定了标准的结构和编写规则。\n本部分被 GB/T 1.1—2020 代替。"},
	{ID: "s03", Number: "GB 55001—2021", Title: "工程结构通用规范",
		Level: "national", Category: "工程建设", State: "issued", Status: "current", IssueDate: "2021-04-09", Readers: public,
		Body: "为在工程结构中贯彻执行国家技术经济政策，保证工程结构安全、适用、耐久，制定本规范。\n结构设计工作年限应按国家规定确定。"},
	{ID: "s04", Number: "DB11/T 1234—2026", Title: "住宅小区物业服务规范",
		Level: "local", Region: "11", Category: "服务标准", State: "issued", Status: "current", IssueDate: "2026-01-15", Readers: public,
		Body: "本文件规定了住宅小区物业服务的基本要求、服务内容和服务质量评价。\n物业服务企业应按照合同约定提供服务。\n本文件按照 GB/T 1.1—2020 的规则起草。"},
	{ID: "s05", Number: "DB31/T 1050—2024", Title: "商务楼宇物业服务规范",
		Level: "local", Region: "31", Category: "服务标准", State: "issued", Status: "current", IssueDate: "2024-05-20", Readers: public,
		Body: "本文件适用于商务楼宇的物业服务。\n物业服务人员应持证上岗，着装整洁。"},
	{ID: "s06", Number: "DB44/T 2101—2022", Title: "公共机构物业管理和服务规范",
		Level: "local", Region: "44", Category: "服务标准", State: "issued", Status: "current", IssueDate: "2022-08-01", Readers: public,
		Body: "公共机构的物业，服务外包应当公开招标。\n本文件规定了物业管理的基本要求和服务评价方法。"},
	{ID: "s07", Number: "T/CAS 290—2017", Title: "会议服务规范",
		Level: "group", Category: "服务标准", State: "issued", Status: "current", IssueDate: "2017-12-01", Readers: public,
		Body: "会议服务机构应提供会前、会中和会后服务。\n会场布置应符合会议主题。"},
	{ID: "s08", Number: "DB4201/T 0012—2023", Title: "党政机关会议服务规范　第2部分：会场布置和会务保障",
		Level: "local", Region: "4201", Category: "服务标准", State: "issued", Status: "current", IssueDate: "2023-03-10", Readers: public,
		Body: "会务人员应熟悉会议议程。\n茶水服务应及时、安静。"},
	{ID: "s09", Number: "GB/T 36710—2018", Title: "公共机构能耗定额标准编制和应用指南",
		Level: "national", Category: "管理标准", State: "issued", Status: "current", IssueDate: "2018-09-17", Readers: public,
		Body: "能耗定额是公共机构单位建筑面积年能耗的限值。\n定额应每三年修订一次。"},
	{ID: "s10", Number: "DB11/T 1413—2017", Title: "党政机关办公用房能耗定额",
		Level: "local", Region: "11", Category: "管理标准", State: "issued", Status: "current", IssueDate: "2017-06-01", Readers: public,
		Body: "办公用房的能耗定额按建筑面积计算，单位为 kgce/(m²·a)。"},
	{ID: "s11", Number: "DB31/T 783—2016", Title: "公务用车管理规范",
		Level: "local", Region: "31", Category: "管理标准", State: "issued", Status: "current", IssueDate: "2016-06-01", Readers: public,
		Body: "公务用车应当集中管理、统一调度。\n公务用车的使用实行登记制度。"},
	{ID: "s12", Number: "DB44/T 1888—2016", Title: "机关事务管理　公务用车服务规范",
		Level: "local", Region: "44", Category: "服务标准", State: "issued", Status: "abolished", IssueDate: "2016-06-01", Readers: public,
		Body: "本文件规定了公务用车服务的要求。\n车辆驾驶员应当遵守交通法规。"},
	{ID: "s13", Number: "GB/T 38553—2020", Title: "办公用房使用和维修管理规范",
		Level: "national", Category: "管理标准", State: "issued", Status: "current", IssueDate: "2020-03-06", Readers: public,
		Body: "办公用房实行统一规划、统一权属、统一配置、统一处置。\n维修应当节约用水、节约用电。"},
	{ID: "s14", Number: "DB31/T 1172—2019", Title: "住宅专项维修资金管理规范",
		Level: "local", Region: "31", Category: "管理标准", State: "issued", Status: "superseded", IssueDate: "2019-07-01", Readers: public,
		Body: "专项维修资金用于住宅共用部位的维修。\n业主委员会可委托物业服务企业代为管理。"},
	{ID: "s15", Number: "GB/T 40060—2021", Title: "机关事务服务规范总则",
		Level: "national", Category: "服务标准", State: "issued", Status: "current", IssueDate: "2021-05-21", Readers: public,
		Body: "机关事务服务包括会议服务、公务用车服务和物业服务。\n服务提供者应建立质量管理体系。"},
	{ID: "s16", Number: "DB11/T 1500—2018", Title: "会议室管理规范",
		Level: "local", Region: "11", Category: "管理标准", State: "issued", Status: "current", IssueDate: "2018-01-20", Readers: public,
		Body: "会议室由办公室统一管理。\n预订服务通过网上平台提供。"},
	{ID: "s17", Number: "GB/T 19001—2016", Title: "质量管理体系　要求",
		Level: "national", Category: "管理标准", State: "issued", Status: "current", IssueDate: "2016-12-30", Readers: public,
		Body: "本文件等同采用 ISO 9001:2015。\n本文件适用于各类组织。"},
	{ID: "s18", Number: "DB31/T 1100—2018", Title: "物业管理术语",
		Level: "local", Region: "31", Category: "基础标准", State: "issued", Status: "current", IssueDate: "2018-11-01", Readers: public,
		Body: "物业管理 property management：对房屋及配套的设施设备和相关场地进行维修、养护、管理。\nProperty services are provided under contract."},
	{ID: "s19", Number: "GB/T 22239—2019", Title: "网络安全等级保护基本要求",
		Level: "national", Category: "信息技术", State: "issued", Status: "current", IssueDate: "2019-05-10", Readers: public,
		Body: "页面不得包含 <script>alert(1)</script> 等脚本代码。\n数据中心应当定期备份。"},
	{ID: "s20", Number: "DB44/T 1999—2020", Title: "城镇排水与污水处理服务规范",
		Level: "local", Region: "44", Category: "服务标准", State: "issued", Status: "current", IssueDate: "2020-11-11", Readers: public,
		Body: "排水单位应当保证排水设施正常运行。\n污水处理费用于污水处理设施的建设和运行。"},
	{ID: "s21", Number: "GB 5749—2022", Title: "生活饮用水卫生标准",
		Level: "national", Category: "卫生标准", State: "issued", Status: "current", IssueDate: "2022-03-15", Readers: public,
		Body: "生活饮用水水质应符合本文件的要求。"},
	{ID: "s22", Number: "DB4201/T 0003—2013", Title: "机关会议费管理规范",
		Level: "local", Region: "4201", Category: "管理标准", State: "issued", Status: "abolished", IssueDate: "2013-11-01", Readers: public,
		Body: "会议费开支实行定额控制。\n会议服务应当简朴务实。"},
	{ID: "s23", Title: "物业服务企业信用评价规范（草案）",
		Level: "local", Region: "11", Category: "服务标准", State: "draft", Readers: []string{"user:7"},
		Body: "物业服务企业信用评价应当客观公正。\n依据第3条规定的评价指标打分。"},
	{ID: "s24", Title: "公务用车标识管理规范（征求意见稿）",
		Level: "local", Region: "44", Category: "管理标准", State: "draft", Readers: []string{"user:8"},
		Body: "公务用车应当喷涂统一标识。"},
	{ID: "s25", Title: "会议服务质量评价指南",
		Level: "national", Category: "服务标准", State: "expert_review", Readers: []string{"user:7", "user:9"},
		Body: "会议服务质量评价包括满意度调查。\n第13条　评价结果应当公开。"},
	{ID: "s26", Title: "公共机构能耗定额管理规范（征求意见稿）",
		Level: "local", Region: "31", Category: "管理标准", State: "public_notice", Readers: []string{"public", "user:8"},
		Body: "能耗定额管理应当与节能目标相衔接。\n节约用水是重要内容。"},
	{ID: "s27", Title: "办公用房面积标准（草案）",
		Level: "local", Region: "11", Category: "管理标准", State: "withdrawn", Readers: []string{"user:9"},
		Body: "办公用房面积按编制定员核定。"},
	{ID: "s28", Number: "T/CAS 455—2020", Title: "物业服务企业安全生产管理规范",
		Level: "group", Category: "管理标准", State: "issued", Status: "current", IssueDate: "2020-10-30", Readers: public,
		Body: "物业服务企业应建立安全生产责任制。\n应急预案每年演练不少于一次。"},
	{ID: "s29", Number: "GB/T 29639—2020", Title: "生产经营单位生产安全事故应急预案编制导则",
		Level: "national", Category: "安全标准", State: "issued", Status: "current", IssueDate: "2020-09-29", Readers: public,
		Body: "应急预案应当包括综合应急预案、专项应急预案和现场处置方案。\n安全生产责任应当落实到人。"},
	{ID: "s30", Title: "北京市物业管理条例",
		Level: "local", Region: "11", Category: "地方性法规", State: "issued", Status: "current", IssueDate: "2020-03-27", Readers: public,
		Body: "第3条　物业管理活动应当遵循业主自治、专业服务的原则。\n物业服务人应当按照约定提供服务。"},
	{ID: "s31", Number: "JG/T 520—2017", Title: "建筑节能设备运行维护规程",
		Level: "industry", Category: "工程建设", State: "issued", Status: "current", IssueDate: "2017-03-01", Readers: public,
		Body: "节能设备应定期检查，能耗数据应按月记录。"},
	{ID: "s32", Number: "DB31/T 1300—2021", Title: "会务工作规程",
		Level: "local", Region: "31", Category: "服务标准", State: "issued", Status: "current", IssueDate: "2021-09-01", Readers: public,
		Body: "会议服务包括会前会议服务、会中会议服务和会后会议服务。"},
}
