using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Templates;

public sealed record TemplateDraft(string Name, TemplateScenario Scenario, Category? Category, Priority? Priority, Channel? Channel, string? Topic, TemplateParts Parts);

/// <summary>
/// The library a new team starts with: the four examples of seed 000 表3 (logistics, complaint,
/// tech support, suggestion) with their concrete names and numbers turned into variables, then one
/// template for every category × priority those do not cover, and the high-frequency topics the
/// seed names (退款流程, 优惠券使用), and seed 001's brand-voice lines for phone, email and social.
/// Nothing here promises what a frontline agent may not decide (seed 001: financial compensation and
/// liability go up): compensation is applied for, never granted, and times are {{处理时限}} the agent fills.
/// </summary>
public static class DefaultTemplateLibrary
{
    public static List<TemplateDraft> Create() =>
    [
        // ---- 表3 seed examples -------------------------------------------------------------
        new("物流查询（表3示例）", TemplateScenario.Logistics, Category.Consultation, Priority.Medium, null, "logistics", new(
            "您好，{{客户称呼}}！",
            "关于您订单【{{订单号}}】的物流问题，已为您查询到：包裹已从仓库发出，物流单号：{{物流单号}}，",
            "预计{{预计送达}}送达。",
            "若超时未收到，请随时联系我，我会为您跟进。感谢您的耐心等待！")),
        new("投诉致歉（表3示例）", TemplateScenario.Complaint, Category.Complaint, Priority.High, null, null, new(
            "非常抱歉给您带来不便！",
            "已记录您关于“{{问题描述}}”的反馈，",
            "将为您申请加急处理（预计{{处理时限}}内处理完毕），感谢您的理解！",
            "同时为您申请{{补偿方案}}作为补偿，审批通过后会短信通知您。")),
        new("技术问题排查（表3示例）", TemplateScenario.TechnicalSupport, Category.TechnicalSupport, Priority.Medium, null, null, new(
            "您好，{{客户称呼}}！针对您反馈的“{{问题描述}}”问题，",
            "请您先尝试清除缓存（路径：设置-存储-清除缓存）后重新打开。",
            "若仍无法解决，我已提交技术部处理，",
            "预计{{处理时限}}内给您答复，处理进度我会及时同步给您。")),
        new("建议致谢（表3示例）", TemplateScenario.Suggestion, Category.Suggestion, Priority.Low, null, null, new(
            "感谢您的宝贵建议！",
            "关于“{{问题描述}}”的建议，已同步至产品部门，",
            "产品部门会在{{处理时限}}内评估。",
            "我们会通过短信告知您进展，再次感谢您的支持！")),

        // ---- High-frequency topics (seed 000 step 5) ---------------------------------------
        new("退款流程说明", TemplateScenario.Refund, Category.Consultation, Priority.Medium, null, "refund", new(
            "您好，{{客户称呼}}！理解您想尽快拿到退款的心情。",
            "您订单【{{订单号}}】的退款申请我已经帮您查看，",
            "退款审核通过后，款项将按支付渠道的规定原路退回，一般需要{{处理时限}}（信用卡可能稍慢）。",
            "如超过时间仍未到账，请随时联系我，我来帮您跟进。")),
        new("优惠券使用指引", TemplateScenario.Coupon, Category.Consultation, Priority.Medium, null, "coupon", new(
            "您好，{{客户称呼}}！感谢您的咨询。",
            "关于优惠券的使用：",
            "在结算页点击“优惠券”，选择可用的券即可抵扣；请留意券的使用门槛和有效期，部分特价商品不参与满减。",
            "如果结算时仍看不到可用的券，请把截图发给我，我帮您核实。")),

        // ---- One per category × priority the examples do not cover -------------------------
        new("支付异常紧急处理", TemplateScenario.Payment, Category.Consultation, Priority.Urgent, null, "payment", new(
            "{{客户称呼}}，非常抱歉给您带来困扰，我马上为您处理！",
            "您反馈的订单【{{订单号}}】支付异常问题我已确认，",
            "已为您加急提交财务核查，并同步上报主管，核实后的处理方案由财务部门确认，",
            "我会在{{处理时限}}内再次联系您告知结果，请保持电话畅通。")),
        new("会员权益咨询", TemplateScenario.Membership, Category.Consultation, Priority.High, null, "membership", new(
            "您好，{{客户称呼}}！非常理解您对会员权益的关心。",
            "您反馈的积分/会员权益问题我已记录，",
            "已为您提交账户权益记录核查，核实后按会员规则为您处理，",
            "{{处理时限}}内我会把核查结果告诉您，感谢您的耐心！")),
        new("一般咨询回复", TemplateScenario.General, Category.Consultation, Priority.Low, null, null, new(
            "您好，{{客户称呼}}！感谢您的咨询。",
            "关于您提到的问题，",
            "我为您整理了操作说明：请在“我的-帮助中心”中查看相关指引，按步骤操作即可。",
            "如还有疑问，欢迎随时联系我，我是客服{{客服姓名}}。")),
        new("严重投诉紧急安抚", TemplateScenario.Complaint, Category.Complaint, Priority.Urgent, null, null, new(
            "非常抱歉，给您造成了这么大的困扰，我完全理解您的心情！",
            "您反馈的“{{问题描述}}”我已经核实并记录，",
            "已立即上报主管优先处理，{{处理时限}}内给您明确的答复，",
            "处理期间我每2小时向您同步一次进展。")),
        new("一般投诉处理", TemplateScenario.Complaint, Category.Complaint, Priority.Medium, null, null, new(
            "非常抱歉这次的体验让您不满意！",
            "您反馈的“{{问题描述}}”我已如实记录，正在核实具体情况，",
            "核实后会按照投诉流程为您处理，",
            "{{处理时限}}内给您答复，感谢您给我们改进的机会。")),
        new("服务意见反馈", TemplateScenario.Complaint, Category.Complaint, Priority.Low, null, null, new(
            "非常感谢您的反馈，也抱歉让您有了不好的感受。",
            "您提到的“{{问题描述}}”我已记录，",
            "会反馈给相关团队改进，",
            "如您还有其他意见，欢迎随时告诉我。")),
        new("系统故障紧急通知", TemplateScenario.TechnicalSupport, Category.TechnicalSupport, Priority.Urgent, null, null, new(
            "{{客户称呼}}，非常抱歉给您带来不便！",
            "您遇到的“{{问题描述}}”问题我已确认，目前技术部正在紧急排查，",
            "已同步上报主管，技术部预计{{处理时限}}内给出进展，",
            "我会在问题解决后第一时间通知您。")),
        new("登录与账号问题", TemplateScenario.TechnicalSupport, Category.TechnicalSupport, Priority.High, null, "login", new(
            "您好，{{客户称呼}}！理解登录不了很着急。",
            "请您先确认手机号是否正确，并尝试“忘记密码”重置；若收不到验证码，请检查短信是否被拦截。",
            "如仍无法登录，我已为您提交技术部协同处理，",
            "预计{{处理时限}}内给您答复，处理进度我会及时同步给您。")),
        new("功能使用问题", TemplateScenario.TechnicalSupport, Category.TechnicalSupport, Priority.Low, null, null, new(
            "您好，{{客户称呼}}！感谢您的反馈。",
            "您提到的功能问题我已记录，",
            "建议您先将APP更新到最新版本后再试；",
            "如问题仍然存在，请告诉我手机型号和系统版本，我来帮您跟进。")),
        new("重要建议快速响应", TemplateScenario.Suggestion, Category.Suggestion, Priority.Urgent, null, null, new(
            "感谢您及时告诉我们！",
            "您反馈的“{{问题描述}}”涉及重要体验，我已立即转交产品负责人，",
            "会优先评估处理，",
            "有结果后我会第一时间联系您，再次感谢！")),
        new("建议跟进", TemplateScenario.Suggestion, Category.Suggestion, Priority.High, null, null, new(
            "感谢您的宝贵建议！",
            "关于“{{问题描述}}”，我已完整记录并提交产品部门，",
            "产品团队会在{{处理时限}}内评估，",
            "评估结果我会通过短信告知您，感谢您的支持！")),
        new("建议记录", TemplateScenario.Suggestion, Category.Suggestion, Priority.Medium, null, null, new(
            "感谢您的建议！",
            "您提到的“{{问题描述}}”已记录并反馈给产品部门，",
            "我们会定期汇总评估，",
            "如有进展会通知您，感谢您对我们的关注！")),

        // ---- Seed 001 brand voice (优创科技 品牌声音指南): the channels' own opening lines --------
        new("电话来电回复（品牌语气）", TemplateScenario.General, null, null, Channel.Phone, null, new(
            "非常感谢您联系我们，您的反馈对我们非常重要。",
            "您好，{{客户称呼}}！关于您提到的问题，我先跟您确认一下情况，",
            "我会按流程为您处理，需要其他部门协助的我会提交并跟进，",
            "处理进度我会及时告诉您。")),
        new("邮件回复（品牌语气）", TemplateScenario.General, null, null, Channel.Email, null, new(
            "非常感谢您联系我们，您的反馈对我们非常重要。",
            "您好，{{客户称呼}}！您在邮件中提到的问题我已仔细阅读并记录，",
            "我会按流程为您处理，需要其他部门协助的我会提交并跟进，",
            "预计{{处理时限}}内回复您处理结果。")),
        new("社交媒体回复（品牌语气）", TemplateScenario.General, null, null, Channel.Social, null, new(
            "您好！非常感谢您的参与，我们正在关注您提到的问题。",
            "为保护您的隐私，请通过私信告诉我们订单号或联系方式，",
            "我们核实后会尽快为您处理，",
            "有进展会第一时间私信回复您。")),

        // ---- Fits anything, including what is still unclassified --------------------------
        new("通用问候与追问", TemplateScenario.General, null, null, null, null, new(
            "您好，{{客户称呼}}！我是客服{{客服姓名}}，很高兴为您服务。",
            "为了更快帮您解决问题，想跟您确认一下：",
            "您遇到的具体情况是什么？如涉及订单，请提供一下订单号。",
            "收到后我会马上为您处理。")),
    ];
}
