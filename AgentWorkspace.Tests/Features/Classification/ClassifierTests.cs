using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Tests.Features.Classification;

public sealed class ClassifierTests
{
    private static readonly Classifier Default = Classifier.Build(KeywordTableDefaults.Create());

    private static ClassificationResult Classify(string text) => Default.Classify(text, Channel.Chat);

    [Fact]
    public void Order_not_shipped_is_consultation_about_logistics()
    {
        var r = Classify("我的订单怎么还没发货?");
        Assert.Equal((Category.Consultation, "logistics", Priority.Medium), (r.Category, r.Topic, r.Priority));
        Assert.Contains("发货", r.MatchedKeywords);
        Assert.False(r.NeedsCollaboration);
    }

    [Fact]
    public void Points_that_cannot_be_redeemed_are_high_priority()
    {
        var r = Classify("会员积分无法兑换，页面提示错误");
        Assert.Equal(Priority.High, r.Priority);
        Assert.Equal("membership", r.Topic);
    }

    [Fact]
    public void App_crash_is_technical_support_malfunction()
    {
        var r = Classify("APP闪退");
        Assert.Equal((Category.TechnicalSupport, "malfunction"), (r.Category, r.Topic));
    }

    [Theory]
    [InlineData("怎么使用优惠券？", Category.Consultation)]
    [InlineData("退款流程是什么", Category.Consultation)]
    [InlineData("会员收费标准是多少", Category.Consultation)]
    [InlineData("客服服务态度差", Category.Complaint)]
    [InlineData("说好的赠品，承诺未兑现", Category.Complaint)]
    [InlineData("要求损失赔偿", Category.Complaint)]
    [InlineData("一直无法登录", Category.TechnicalSupport)]
    [InlineData("搜索功能故障", Category.TechnicalSupport)]
    [InlineData("我的订单数据异常", Category.TechnicalSupport)]
    [InlineData("希望增加夜间模式", Category.Suggestion)]
    [InlineData("建议优化流程", Category.Suggestion)]
    [InlineData("双十一活动建议", Category.Suggestion)]
    public void Every_row_of_the_category_table_classifies(string text, Category expected) =>
        Assert.Equal(expected, Classify(text).Category);

    [Theory]
    [InlineData("支付失败导致订单取消了", Priority.Urgent)]
    [InlineData("同一笔订单扣了两次款", Priority.Urgent)]
    [InlineData("系统崩溃了，全部打不开", Priority.Urgent)]
    [InlineData("会员权益没有到账", Priority.High)]
    [InlineData("再不处理我就要投诉到12315", Priority.High)]
    [InlineData("快递到哪了？", Priority.Medium)]
    [InlineData("希望增加一个会员日活动", Priority.Low)]
    public void Every_row_of_the_priority_table_sets_priority(string text, Priority expected) =>
        Assert.Equal(expected, Classify(text).Priority);

    [Fact]
    public void Complaint_is_at_least_high()
    {
        var r = Classify("服务态度差");
        Assert.Equal(Category.Complaint, r.Category);
        Assert.Equal(Priority.High, r.Priority);
    }

    [Fact]
    public void Suggestion_wins_over_the_topic_words_it_mentions()
    {
        var r = Classify("建议增加物流查询功能");
        Assert.Equal((Category.Suggestion, Priority.Low), (r.Category, r.Priority));
        Assert.Null(r.Topic);
    }

    [Theory]
    [InlineData("我的訂單怎么還沒發貨?", "我的订单怎么还没发货?")]
    [InlineData("會員積分無法兌換,頁面提示錯誤", "会员积分无法兑换,页面提示错误")]
    [InlineData("一直無法登錄", "一直无法登录")]
    [InlineData("服務態度差，承諾未兌現", "服务态度差，承诺未兑现")]
    public void Traditional_script_from_the_seeds_classifies_like_simplified(string traditional, string simplified)
    {
        var t = Classify(traditional);
        var s = Classify(simplified);
        Assert.Equal((s.Category, s.Topic, s.Priority), (t.Category, t.Topic, t.Priority));
        Assert.Equal(s.MatchedKeywords, t.MatchedKeywords);
        Assert.NotEqual(Category.Unclassified, t.Category);
    }

    [Fact]
    public void Full_width_and_case_are_ignored()
    {
        Assert.Equal("malfunction", Classify("ＡＰＰ一打开就闪退").Topic);
        Assert.Equal("malfunction", Classify("页面有BUG").Topic);
        Assert.True(Classify("太慢了！！").Agitated);
    }

    [Fact]
    public void Ambiguous_account_problem_offers_the_seed_question()
    {
        var r = Classify("账号异常");
        Assert.True(r.Ambiguous);
        Assert.Equal("您是指无法登录，还是收不到验证码?", r.ClarifyingQuestions[0]);
        Assert.InRange(r.ClarifyingQuestions.Count, 1, 2);
        Assert.False(r.NeedsCollaboration);
        Assert.True(Classify("賬號異常").Ambiguous);
    }

    [Theory]
    [InlineData("太差了！！！")]
    [InlineData("马上给我处理")]
    [InlineData("我强烈不满")]
    [InlineData("快点!!!")]
    public void Agitated_text_is_flagged(string text) => Assert.True(Classify(text).Agitated);

    [Fact]
    public void Calm_question_is_not_agitated() => Assert.False(Classify("请问优惠券怎么使用？").Agitated);

    [Theory]
    [InlineData("你好")]
    [InlineData("在吗")]
    [InlineData("")]
    public void Text_that_fits_no_category_needs_collaboration(string text)
    {
        var r = Classify(text);
        Assert.Equal(Category.Unclassified, r.Category);
        Assert.True(r.NeedsCollaboration);
        Assert.Empty(r.MatchedKeywords);
    }

    [Fact]
    public void Legal_threat_goes_to_the_supervisor()
    {
        var r = Classify("退款一直不到账，我要找律师起诉你们");
        Assert.True(r.NeedsCollaboration);
        Assert.Equal("refund", r.Topic);
    }

    [Fact]
    public void Matched_keywords_are_listed_once_in_order_of_appearance()
    {
        var r = Classify("退款退款，优惠券也没用上，退款呢");
        Assert.Equal(["退款", "优惠券"], r.MatchedKeywords.Where(k => k is "退款" or "优惠券"));
    }

    [Fact]
    public void Replacing_the_table_changes_what_matches()
    {
        var table = new KeywordTable();
        Assert.Equal(Category.Unclassified, table.Current.Classify("以旧换新", Channel.Chat).Category);

        table.Replace([.. KeywordTableDefaults.Create(), new KeywordEntry { Keyword = "以旧换新", Kind = KeywordKind.Topic, Category = Category.Consultation, Topic = "trade-in", Weight = 2 }]);

        var r = table.Current.Classify("以舊換新", Channel.Chat);
        Assert.Equal((Category.Consultation, "trade-in"), (r.Category, r.Topic));
    }
}
