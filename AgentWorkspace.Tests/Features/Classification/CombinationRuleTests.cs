using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Tests.Features.Classification;

/// <summary>Issue #12: combination rules, 表1/表2 precedence, agitation from the text's form, customer value, reasons.</summary>
public sealed class CombinationRuleTests
{
    private static readonly Classifier Default = Classifier.Build(KeywordTableDefaults.Create());

    private static ClassificationResult Classify(string text, bool vip = false) => Default.Classify(text, Channel.Chat, vip);

    private static KeywordEntry Rule(string sets, int window = 20, string? negations = null, Priority? priority = Priority.Urgent) =>
        new() { Keyword = sets, Kind = KeywordKind.Combination, Window = window, Negations = negations, Priority = priority, Weight = 3 };

    [Theory]
    [InlineData("支付失败了…订单还被取消了")]
    [InlineData("付款成功了，订单却显示已取消")]
    [InlineData("钱扣了，订单却被取消了，怎么回事")]
    [InlineData("訂單被取消了，可是我的錢已經扣了")]
    public void Seed_000s_urgent_case_as_customers_write_it_is_urgent(string text)
    {
        var r = Classify(text);
        Assert.Equal(Priority.Urgent, r.Priority);
        Assert.Contains(r.Reasons, x => x.Field == "priority" && x.Source is "rule" or "keyword");
    }

    [Fact]
    public void A_rule_needs_one_term_of_every_set_in_any_order()
    {
        var c = Classifier.Build([Rule("扣款|扣了 + 取消")]);
        Assert.Equal(Priority.Urgent, c.Classify("扣了钱又取消").Priority);
        Assert.Equal(Priority.Urgent, c.Classify("订单取消了但是扣款了").Priority);
        Assert.NotEqual(Priority.Urgent, c.Classify("扣了钱").Priority);
        Assert.NotEqual(Priority.Urgent, c.Classify("取消订单").Priority);
    }

    [Fact]
    public void A_rule_holds_only_within_its_window()
    {
        var c = Classifier.Build([Rule("扣了 + 取消", window: 8)]);
        Assert.Equal(Priority.Urgent, c.Classify("扣了，后来取消").Priority);
        Assert.NotEqual(Priority.Urgent, c.Classify("扣了，然后我等了很久很久很久，后来取消").Priority);
        // The window is measured from whichever term comes first.
        Assert.Equal(Priority.Urgent, c.Classify("取消以后又扣了").Priority);
    }

    [Fact]
    public void A_nearby_negation_cancels_the_rule_and_says_so()
    {
        var c = Classifier.Build([Rule("扣了 + 取消", negations: "没有|已解决")]);
        var negated = c.Classify("没有扣了钱又取消");
        Assert.NotEqual(Priority.Urgent, negated.Priority);
        Assert.Contains(negated.Reasons, x => x.Source == "negated" && x.Evidence == "扣了 + 取消");
        // A negation far from the span does not count.
        Assert.Equal(Priority.Urgent, c.Classify("扣了又取消，我打电话问了好多次都还是一样的结果没有人管").Priority);
    }

    [Theory]
    [InlineData("之前订单被取消的问题已经解决了，谢谢，我想再问一下发货时间")]
    [InlineData("不是说扣了两次，是我看错了，现在已经好了")]
    [InlineData("我想取消订单，钱已经付了，怎么操作")]
    public void Defaults_negate_what_is_over_or_only_asked_about(string text) => Assert.NotEqual(Priority.Urgent, Classify(text).Priority);

    [Fact]
    public void A_rule_can_set_category_and_topic_too()
    {
        var c = Classifier.Build([new KeywordEntry { Keyword = "以旧换新 + 多少钱|怎么算", Kind = KeywordKind.Combination, Category = Category.Consultation, Topic = "trade-in", Weight = 2 }]);
        var r = c.Classify("以旧换新的话怎么算价格");
        Assert.Equal((Category.Consultation, "trade-in"), (r.Category, r.Topic));
        Assert.Contains(r.Reasons, x => x.Field == "category" && x.Source == "rule");
    }

    [Fact]
    public void Rule_terms_fold_like_keywords() =>
        Assert.Equal(Priority.Urgent, Classifier.Build([Rule("扣款 + 取消")]).Classify("扣款後訂單被取消").Priority);

    [Theory]
    [InlineData("您好，我上周反映的问题到现在都没有人联系我，希望能尽快给个说法")]
    [InlineData("谢谢您的耐心，不过说实话这次的处理我不太满意，建议你们重视一下")]
    [InlineData("建议你们好好培训一下客服，态度实在太差了")]
    public void A_polite_complaint_with_suggestion_words_is_a_complaint(string text)
    {
        var r = Classify(text);
        Assert.Equal((Category.Complaint, Priority.High), (r.Category, r.Priority));
    }

    [Fact]
    public void A_suggestion_is_low_only_when_nothing_else_says_otherwise()
    {
        Assert.Equal((Category.Suggestion, Priority.Low), (Classify("建议增加按物流状态筛选订单的功能").Category, Classify("建议增加按物流状态筛选订单的功能").Priority));
        // Urgent evidence outranks: the suggestion word does not make a money loss 低.
        var mixed = Classify("建议你们查一下，付款成功了订单却被取消了");
        Assert.Equal(Priority.Urgent, mixed.Priority);
        Assert.NotEqual(Category.Suggestion, mixed.Category);
        // A weak wish (希望能) yields to what the message is about.
        Assert.Equal(Category.Consultation, Classify("希望能尽快发货，着急用").Category);
    }

    [Fact]
    public void Core_rights_with_a_fault_are_high_and_a_plain_points_question_stays_medium()
    {
        Assert.Equal(Priority.High, Classify("会员积分无法兑换，页面提示错误").Priority);
        Assert.Equal(Priority.High, Classify("我的积分莫名其妙被清零了").Priority);
        Assert.Equal(Priority.Medium, Classify("会员积分可以兑换什么东西？").Priority);
        Assert.Equal(Priority.Medium, Classify("请问积分有效期是多久").Priority);
    }

    [Theory]
    [InlineData("money lost", "同一笔订单被扣了两次款")]
    [InlineData("order cancelled", "我的订单被取消了，我根本没有申请取消")]
    [InlineData("service down", "你们网站是不是挂了，所有页面都打不开")]
    public void Money_lost_order_cancelled_and_service_down_are_urgent(string _, string text) => Assert.Equal(Priority.Urgent, Classify(text).Priority);

    [Theory]
    [InlineData("怎么还没发货！！", "!!")]
    [InlineData("快递到哪了？？", "??")]
    [InlineData("等了一个小时没人回。。。", "。。。")]
    [InlineData("WHERE IS MY ORDER", "CAPS")]
    [InlineData("什么時候發貨！？", "!!")]
    public void Agitation_is_read_from_the_texts_form(string text, string form)
    {
        var r = Classify(text);
        Assert.True(r.Agitated);
        Assert.Contains(r.Reasons, x => x.Field == "agitated" && x.Source == "form" && x.Evidence == form);
    }

    [Theory]
    [InlineData("APP闪退了")]
    [InlineData("VIP会员怎么续费？")]
    [InlineData("iPhone13 登录不了")]
    [InlineData("请问发货了吗？")]
    [InlineData("好的……谢谢")]
    public void Ordinary_punctuation_and_acronyms_are_not_agitation(string text) => Assert.False(Classify(text).Agitated);

    [Fact]
    public void An_agitated_complaint_is_at_least_high()
    {
        var r = Classify("服务太差了。。。等了一个小时没人回");
        Assert.True(r.Agitated);
        Assert.Equal(Category.Complaint, r.Category);
        Assert.True(r.Priority <= Priority.High);
    }

    [Fact]
    public void A_vip_is_one_level_higher_and_never_above_urgent()
    {
        Assert.Equal(Priority.High, Classify("请问退款流程是什么？", vip: true).Priority);
        Assert.Equal(Priority.Medium, Classify("建议增加夜间模式", vip: true).Priority);
        var urgent = Classify("付款成功了，订单却显示已取消", vip: true);
        Assert.Equal(Priority.Urgent, urgent.Priority);
        Assert.DoesNotContain(urgent.Reasons, x => x.Source == "vip");
        var r = Classify("请问退款流程是什么？", vip: true);
        Assert.Contains(r.Reasons, x => x is { Field: "priority", Value: "High", Source: "vip", Evidence: "Medium" });
    }

    [Fact]
    public void Reasons_name_the_word_behind_category_priority_and_each_flag()
    {
        var r = Classify("我要投诉！！账号异常");
        Assert.Contains(r.Reasons, x => x is { Field: "category", Value: "Complaint", Source: "keyword" });
        Assert.Contains(r.Reasons, x => x is { Field: "priority", Value: "High" });
        Assert.Contains(r.Reasons, x => x is { Field: "agitated", Source: "form" });
        Assert.Contains(r.Reasons, x => x is { Field: "ambiguous", Source: "keyword", Evidence: "账号异常" });
        var legal = Classify("再不赔偿我就找律师");
        Assert.Contains(legal.Reasons, x => x is { Field: "needsCollaboration", Source: "keyword", Evidence: "律师" });
    }

    [Fact]
    public void The_editor_rejects_rules_without_sets_effect_or_a_sane_window()
    {
        var errors = KeywordTableEditor.Validate(
        [
            new KeywordEntry { Keyword = " + | ", Kind = KeywordKind.Combination, Priority = Priority.High },
            new KeywordEntry { Keyword = "扣了 + 取消", Kind = KeywordKind.Combination },
            new KeywordEntry { Keyword = "扣了 + 取消", Kind = KeywordKind.Combination, Priority = Priority.High, Window = 0 },
            new KeywordEntry { Keyword = "扣款成功 + 订单取消", Kind = KeywordKind.Combination, Priority = Priority.High, Window = 5 },
            new KeywordEntry { Keyword = "扣了 + 取消", Kind = KeywordKind.Combination, Priority = Priority.High, Window = 20, Negations = "没有" },
        ]);
        Assert.Equal([(0, "keyword-rule-sets"), (1, "keyword-rule-effect"), (2, "keyword-window-range"), (3, "keyword-window-too-small")], errors.Select(e => (e.Row, e.Key)));
    }

    [Fact]
    public void The_try_it_box_reads_combination_rules_as_edited()
    {
        List<KeywordEntry> rows = [.. KeywordTableDefaults.Create(), Rule("以旧换新 + 不给", priority: Priority.High)];
        Assert.Equal(Priority.High, KeywordTableEditor.Try(rows, "以旧换新不给折算").Priority);
        Assert.Equal(Priority.High, KeywordTableEditor.Try(KeywordTableDefaults.Create(), "请问以旧换新的流程是什么", vip: true).Priority);
    }
}
