package searchtest

// FoldCase is a text of one class of characters and its folded form. The
// engines and the snippet each test their own path over FoldCases, so that
// a text found by one is found, ranked and highlighted alike by the others.
type FoldCase struct {
	Class, Text, Folded string
}

// FoldCases covers every class of character the folding touches or must
// leave alone.
var FoldCases = []FoldCase{
	{"ASCII upper case", "ISO Guide", "iso guide"},
	{"full-width upper case", "ＧＢ／Ｔ", "gb/t"},
	{"full-width lower case", "ｉｓｏ", "iso"},
	{"full-width digits", "２０２４", "2024"},
	{"full-width punctuation", "（试行）", "(试行)"},
	{"ideographic space", "物业\u3000服务", "物业 服务"},
	{"half-width katakana", "ｶﾀｶﾅ", "カタカナ"},
	{"half-width voiced mark", "ｶﾞｽ", "カ\u3099ス"},
	{"half-width hangul", "ﾡﾤ", "ㄱㄴ"},
	{"full-width signs", "￥１００", "¥100"},
	{"half-width forms", "￭", "■"},
	{"Latin, Greek and Cyrillic case", "ÉCOLE ΩΜΕΓΑ ДОМ", "école ωμεγα дом"},
	{"CJK ideographs", "机关事务管理", "机关事务管理"},
	{"CJK extension A", "㐀㐁", "㐀㐁"},
	{"CJK compatibility ideographs stay", "豈更", "豈更"},
	{"kana stay", "ひらがなカタカナ", "ひらがなカタカナ"},
	{"hangul syllables stay", "한국", "한국"},
}
