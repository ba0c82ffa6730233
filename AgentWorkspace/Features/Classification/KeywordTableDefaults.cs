using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Classification;

/// <summary>
/// The seeded keyword table, from the spec's 表1 问题分类表 and 表2 优先级标准表 and the seeds' own
/// examples (seed 000 steps 1–2). Written in Simplified script; folding matches Traditional input.
/// </summary>
public static class KeywordTableDefaults
{
    public static List<KeywordEntry> Create() =>
    [
        // 表1 咨询类: standard explanation with an operating guide.
        .. Rows(KeywordKind.Category, Category.Consultation, null, null, 1,
            "怎么使用", "如何使用", "怎么用", "流程是什么", "什么流程", "收费标准", "多少钱", "怎么办理", "如何办理", "请问", "咨询", "怎么查", "在哪里看", "多久"),
        // 表1 投诉类: empathise first, verify, then the complaint flow.
        .. Rows(KeywordKind.Category, Category.Complaint, null, null, 3,
            "服务态度差", "态度差", "态度太差", "承诺未兑现", "没有兑现", "不兑现", "损失赔偿", "赔偿", "投诉", "差评", "欺骗", "骗人", "举报", "维权", "太差了"),
        // 表1 技术支持类: collaborate with the tech department.
        .. Rows(KeywordKind.Category, Category.TechnicalSupport, null, null, 2,
            "无法登录", "登录不了", "登不上", "功能故障", "数据异常", "加载失败", "无法打开", "点不了", "系统错误", "提示错误", "页面报错"),
        // 表1 建议类: record, forward to product, thank. Wins over the topic words it mentions.
        .. Rows(KeywordKind.Suggestion, Category.Suggestion, null, null, 3,
            "建议", "希望增加", "能不能增加", "可以增加", "增加功能", "增加一个", "优化流程", "活动建议", "希望能", "希望可以", "提个意见"),

        // Topics (seed 000: 物流, 退款, 会员/积分, 支付, 优惠券, 功能故障).
        .. Rows(KeywordKind.Topic, Category.Consultation, "logistics", null, 2,
            "物流", "发货", "快递", "没收到", "还没到", "配送", "签收", "运单", "订单状态", "包裹", "到货"),
        .. Rows(KeywordKind.Topic, Category.Consultation, "refund", null, 2, "退款", "退货", "退钱", "到账"),
        .. Rows(KeywordKind.Topic, Category.Consultation, "membership", null, 2, "会员", "积分", "权益", "续费", "等级"),
        .. Rows(KeywordKind.Topic, Category.Consultation, "payment", null, 2, "支付", "付款", "扣款", "扣钱", "扣了", "付不了"),
        .. Rows(KeywordKind.Topic, Category.Consultation, "coupon", null, 2, "优惠券", "满减", "优惠码", "红包", "折扣"),
        .. Rows(KeywordKind.Topic, Category.TechnicalSupport, "login", null, 2, "登录", "登陆", "密码", "验证码"),
        .. Rows(KeywordKind.Topic, Category.TechnicalSupport, "malfunction", null, 3, "闪退", "报错", "故障", "打不开", "卡顿", "卡死", "崩溃", "白屏", "bug"),

        // 表2 紧急: money lost, order cancelled, service down — handle at once, report to the supervisor.
        .. Rows(KeywordKind.Priority, null, null, Priority.Urgent, 1,
            "订单取消", "订单被取消", "订单自动取消", "重复扣款", "扣了两次", "扣两次", "多扣", "盗刷", "钱没了", "资金损失", "服务中断", "系统崩溃", "全部打不开", "都打不开"),
        // 表2 高: core rights (membership, points), complaint risk.
        .. Rows(KeywordKind.Priority, null, null, Priority.High, 1,
            "会员", "积分", "权益", "无法兑换", "兑换失败", "支付失败", "要投诉", "12315", "曝光", "差评", "vip"),

        // Agitation (seed 000 §4.1: open with 「非常理解您的着急」).
        .. Rows(KeywordKind.Agitation, null, null, null, 1,
            "强烈不满", "太差了", "太差劲", "马上", "立刻", "立即", "赶紧", "垃圾", "气死", "骗子", "到底", "搞什么", "无语", "忍无可忍", "投诉"),

        // Ambiguous wording: 1–2 clarifying questions (seed 000 step 1).
        new() { Keyword = "账号异常", Kind = KeywordKind.Ambiguity, Category = Category.TechnicalSupport, ClarifyingQuestions = "您是指无法登录，还是收不到验证码?\n方便提供一下账号绑定手机号的后四位吗？" },
        new() { Keyword = "账户异常", Kind = KeywordKind.Ambiguity, Category = Category.TechnicalSupport, ClarifyingQuestions = "您是指无法登录，还是收不到验证码?" },
        new() { Keyword = "账号有问题", Kind = KeywordKind.Ambiguity, Category = Category.TechnicalSupport, ClarifyingQuestions = "您是指无法登录，还是收不到验证码?" },
        new() { Keyword = "用不了", Kind = KeywordKind.Ambiguity, ClarifyingQuestions = "请问是哪个功能用不了？是无法登录、页面打不开，还是无法支付？" },
        new() { Keyword = "订单有问题", Kind = KeywordKind.Ambiguity, Category = Category.Consultation, ClarifyingQuestions = "请问是订单还没发货、物流异常，还是需要退款？\n方便提供一下订单号吗？" },

        // Complex or cross-department: 待协同, to the supervisor for review.
        .. Rows(KeywordKind.Collaboration, null, null, null, 1, "律师", "起诉", "法院", "消协", "工商局", "媒体"),
    ];

    private static IEnumerable<KeywordEntry> Rows(KeywordKind kind, Category? category, string? topic, Priority? priority, int weight, params string[] keywords) =>
        keywords.Select(k => new KeywordEntry { Keyword = k, Kind = kind, Category = category, Topic = topic, Priority = priority, Weight = weight });
}
