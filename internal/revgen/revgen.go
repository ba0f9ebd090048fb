// Package revgen generates the Chinese text and revision that Norma's diff
// is benchmarked on: docs/diff's BenchmarkDiff200KB and the diffbench command
// use this one generator, so that their figures are about the same text.
package revgen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"
)

// words make up the generated texts.
var words = strings.Fields(`会议 服务 应当 按照 规定 管理 人员 设备 安全 检查 组织 实施 要求 相关 部门
及时 报告 记录 保存 评价 改进 标准 文件 技术 质量 责任 制度 应急 处置 培训 会场 资料 通知 审核
批准 落实 监督 协调 保障 维护 运行 信息 数据 系统 程序 方案 计划 措施 预案 演练 防护 卫生 环境
消防 疏散 通道 标识 照明 通风 接待 引导 签到 座次 茶歇 用餐 车辆 住宿 经费 结算 归档 保密 公开`)

// Revision returns a deterministic Chinese text of about size bytes in
// paragraphs of 100–300 characters, and a revision of it in which about 5 %
// of the characters were replaced, inserted or deleted in runs of 1–8 at
// scattered places; changed counts the characters concerned.
func Revision(size int, seed uint64) (old, new string, changed int) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	word := func() string { return words[r.IntN(len(words))] }
	var b strings.Builder
	for b.Len() < size {
		para, n := "", 100+r.IntN(201)
		for utf8.RuneCountInString(para) < n {
			para += word() + word() + word()
			para += []string{"，", "，", "、", "。", "；"}[r.IntN(5)]
		}
		b.WriteString(strings.TrimRight(para, "，、；。") + "。\n\n")
	}
	old = b.String()
	rs := []rune(old)
	for target := len(rs) / 20; changed < target; {
		at, n := r.IntN(len(rs)), 1+r.IntN(8)
		repl := []rune(strings.Repeat(word(), 4))[:n]
		switch r.IntN(3) {
		case 0: // replace
			rs = slices.Replace(rs, at, min(at+n, len(rs)), repl...)
		case 1: // insert
			rs = slices.Insert(rs, at, repl...)
		default: // delete
			rs = slices.Delete(rs, at, min(at+n, len(rs)))
		}
		changed += n
	}
	return old, string(rs), changed
}
