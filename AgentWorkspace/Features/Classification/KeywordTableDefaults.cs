
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
            "怎么使用", "如何使用", "怎么用", "流程是什么", "什么流程", "收费标准", "多少钱", "怎么办理", "如何办理", "请问", "咨询", "怎么查", "在哪里看",
            "多久", "如何", "能不能", "可以吗", "什么时候", "哪里", "是否", "几天", "下单", "下一单", "怎么操作", "怎么修改", "怎么开", "怎么取消", "怎么绑定",
            "怎么计算", "怎么算", "怎么申请", "怎么退", "怎么换", "怎么续费", "怎么兑换", "怎么领取", "怎么查看", "怎么用掉", "怎么注销", "几点", "注销", "发票", "地址", "售后", "包邮", "门店", "活动"),
        // 表1 投诉类: empathise first, verify, then the complaint flow. Polite complaints say 说好的, 失望, 给个说法.
        .. Rows(KeywordKind.Category, Category.Complaint, null, null, 3,
            "服务态度差", "态度差", "态度太差", "态度很差", "态度恶劣", "承诺未兑现", "没有兑现", "不兑现", "没兑现", "损失赔偿", "赔偿", "投诉", "差评", "欺骗", "骗人", "举报", "维权", "太差了",
            "太差劲", "服务太差", "服务态度", "改进一下服务", "不送上门", "不太满意", "重视一下", "承诺", "说好的", "说好", "答应", "承诺的", "给个说法", "一个说法", "合理的解释", "不满意", "失望", "敷衍", "不负责任", "没人理", "没人接", "没有人联系", "推卸", "踢皮球",
            "虚假宣传", "质量太差", "不认", "不给换", "不管", "太过分", "过分", "骗子", "垃圾", "气死", "忍无可忍", "受够了", "强烈不满", "离谱", "拉黑", "骂人", "一问三不知", "答非所问", "第三次", "送丢", "寄丢", "破服务"),
        // 表1 技术支持类: collaborate with the tech department.
        .. Rows(KeywordKind.Category, Category.TechnicalSupport, null, null, 2,
            "无法登录", "登录不了", "登不上", "功能故障", "数据异常", "加载失败", "无法打开", "点不了", "系统错误", "提示错误", "页面报错", "收不到验证码", "验证码错误", "网络错误", "网络异常",
            "发送失败", "保存不了", "改不了", "没反应", "黑屏", "播放不了", "转圈", "收不到", "兑换失败", "无法兑换", "报错", "错误"),
        // 表1 建议类: record, forward to product, thank. Weighed against the rest: complaint or priority evidence outranks it.
        .. Rows(KeywordKind.Suggestion, Category.Suggestion, null, null, 3,
            "建议", "希望增加", "能不能增加", "可以增加", "增加功能", "增加一个", "优化流程", "活动建议", "提个意见", "希望以后", "能增加", "能否增加", "新增", "就好了", "就更方便了",
            "希望你们的", "希望可以增加", "小建议"),
        .. Rows(KeywordKind.Suggestion, Category.Suggestion, null, null, 1, "希望能", "希望可以", "如果能"),

        // Topics (seed 000: 物流, 退款, 会员/积分, 支付, 优惠券, 功能故障).
        .. Rows(KeywordKind.Topic, Category.Consultation, "logistics", null, 2,
            "物流", "发货", "快递", "没收到", "还没到", "配送", "签收", "运单", "订单状态", "包裹", "到货", "送到", "派送", "取件"),
        .. Rows(KeywordKind.Topic, Category.Consultation, "refund", null, 2, "退款", "退货", "退钱", "到账", "换货"),
        .. Rows(KeywordKind.Topic, Category.Consultation, "membership", null, 2, "会员", "积分", "权益", "续费", "等级"),
        .. Rows(KeywordKind.Topic, Category.Consultation, "payment", null, 2, "支付", "付款", "扣款", "扣钱", "扣了", "扣费", "被扣", "扣两次", "付不了", "余额"),
        .. Rows(KeywordKind.Topic, Category.Consultation, "coupon", null, 2, "优惠券", "满减", "优惠码", "红包", "折扣"),
        .. Rows(KeywordKind.Topic, Category.TechnicalSupport, "login", null, 2, "登录", "登陆", "密码", "验证码"),
        .. Rows(KeywordKind.Topic, Category.TechnicalSupport, "malfunction", null, 3, "闪退", "故障", "打不开", "卡顿", "卡死", "崩溃", "白屏", "bug", "很卡"),

        // 表2 紧急 as plain words: service down.
        .. Rows(KeywordKind.Priority, Category.TechnicalSupport, null, Priority.Urgent, 1, "服务中断", "系统崩溃", "宕机", "瘫痪"),
        // 表2 高: complaint risk. Core rights (会员/积分) are high only with a fault: see the combination rules.
        .. Rows(KeywordKind.Priority, null, null, Priority.High, 1, "要投诉", "12315", "曝光", "差评", "平台投诉"),

        // Agitation (seed 000 §4.1: open with 「非常理解您的着急」). The text's form (!!, ？？, 。。。, capitals) counts too.
        .. Rows(KeywordKind.Agitation, null, null, null, 1,
            "强烈不满", "太差了", "太差劲", "马上", "立刻", "立即", "赶紧", "垃圾", "气死", "骗子", "到底", "搞什么", "无语", "忍无可忍", "受够了", "太过分", "离谱", "破服务", "欺负人"),

        // Ambiguous wording: 1–2 clarifying questions (seed 000 step 1).
        new() { Keyword = "账号异常", Kind = KeywordKind.Ambiguity, Category = Category.TechnicalSupport, ClarifyingQuestions = "您是指无法登录，还是收不到验证码?\n方便提供一下账号绑定手机号的后四位吗？" },
        new() { Keyword = "账户异常", Kind = KeywordKind.Ambiguity, Category = Category.TechnicalSupport, ClarifyingQuestions = "您是指无法登录，还是收不到验证码?" },
        new() { Keyword = "帐号异常", Kind = KeywordKind.Ambiguity, Category = Category.TechnicalSupport, ClarifyingQuestions = "您是指无法登录，还是收不到验证码?" },
        new() { Keyword = "帐号有问题", Kind = KeywordKind.Ambiguity, Category = Category.TechnicalSupport, ClarifyingQuestions = "您是指无法登录，还是收不到验证码?" },
        new() { Keyword = "账号有问题", Kind = KeywordKind.Ambiguity, Category = Category.TechnicalSupport, ClarifyingQuestions = "您是指无法登录，还是收不到验证码?" },
        new() { Keyword = "用不了", Kind = KeywordKind.Ambiguity, ClarifyingQuestions = "请问是哪个功能用不了？是无法登录、页面打不开，还是无法支付？" },
        new() { Keyword = "订单有问题", Kind = KeywordKind.Ambiguity, Category = Category.Consultation, ClarifyingQuestions = "请问是订单还没发货、物流异常，还是需要退款？\n方便提供一下订单号吗？" },

        // Complex, legal or public: 待协同, to the supervisor for review; a complaint with complaint risk.
        .. Rows(KeywordKind.Collaboration, Category.Complaint, null, Priority.High, 3, "律师", "起诉", "法院", "消协", "工商局", "媒体", "记者"),

        // Combination rules (表2 as customers write it): one term of each set within the window, any order,
        // cancelled by a nearby negation. Seed 000's headline: 支付失败导致订单取消 → 紧急.
        // Money lost or order cancelled in so many words — unless the customer says it is over (已经解决了).
        Rule("订单被取消|订单自动取消|订单被系统|重复扣款|盗刷|资金损失", 20, "payment", Priority.Urgent, Category.Consultation,
            "已经好了|已解决|已经解决|已恢复|恢复了|没有被取消|没被取消|不是盗刷"),
        Rule("支付失败|付款失败|支付成功|付款成功|扣款成功|已付款|已经付款|付过款|付了钱|付完款|已支付|支付了|扣款|扣了|扣费|钱 + 订单取消|取消|被取消|已取消",
            24, "payment", Priority.Urgent, Category.Consultation,
            "怎么取消|如何取消|想取消|要取消|能取消|可以取消|申请取消|取消后|取消以后|没有被取消|没被取消|没有扣|没扣|不是|已经好了|已解决|已经解决|已恢复|恢复了|算了|还能再"),
        Rule("扣了|扣款|扣费|付了一次钱|被扣 + 两次|两遍|2次|重复|多扣", 12, "payment", Priority.Urgent, Category.Consultation,
            "没有扣|没扣|不是|看错|搞错|已经好了|已解决|已经解决"),
        Rule("余额|账户里的钱|钱 + 少了|没了|不见了|被盗|不翼而飞", 12, "payment", Priority.Urgent, Category.Consultation, "不是|已经好了|已解决|找到了"),
        Rule("付款成功|支付成功|已付款|钱已经扣了|钱扣了|扣款成功|已经扣了 + 未支付|待支付|查不到订单|没有订单|订单没有|订单不见", 16, "payment", Priority.Urgent, Category.Consultation, "不是|已解决|已经好了"),
        // 服务中断: everyone, every page, the whole app — not one customer's screen.
        Rule("打不开|挂了|崩了|崩溃|进不去|用不了|付不了|无法访问 + 全部|所有|都|完全|整个|大家|同事|别人", 12, null, Priority.Urgent, Category.TechnicalSupport, "不是|已经好了|已恢复|恢复了|已解决"),
        // 表2 高: core rights (会员/积分/权益) with a fault — a plain question about 积分 stays 中.
        Rule("会员|积分|权益|等级|vip|会员卡|会员身份 + 无法|不能|失败|错误|报错|异常|没到账|没有到账|不到账|不见|清零|少了|被扣|扣了|没生效|未生效|失效|降级|用不了|莫名其妙",
            16, "membership", Priority.High, Category.TechnicalSupport, "已经好了|已解决|已经解决|已恢复|恢复了|怎么用|怎么算", weight: 6),
        // 态度 + 差 in any order and any words between: 态度实在太差了, 态度也不好.
        Rule("态度|服务 + 差|不好|恶劣|冷漠|敷衍", 8, null, null, Category.Complaint, "不差|挺好|很好"),
    ];

    /// <summary>A combination rule row: sets "+"-separated, terms "|"-separated.</summary>
    private static KeywordEntry Rule(string sets, int window, string? topic, Priority? priority, Category? category, string? negations, int weight = 3) =>
        new() { Keyword = sets, Kind = KeywordKind.Combination, Window = window, Topic = topic, Priority = priority, Category = category, Negations = negations, Weight = weight };

    private static IEnumerable<KeywordEntry> Rows(KeywordKind kind, Category? category, string? topic, Priority? priority, int weight, params string[] keywords) =>
        keywords.Select(k => new KeywordEntry { Keyword = k, Kind = kind, Category = category, Topic = topic, Priority = priority, Weight = weight });
}
