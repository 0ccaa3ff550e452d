"""A follow-up resolved with the question before it ("养老机构收老人入住要签合同吗？ 那要是没签
合同会怎么处罚") is answered by the sanction of what it asks, though the words that only set the
matter ("入住") stand in another provision and not in the sanction."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import library_of

_CARE = """# 某省社会养老服务促进条例
第一条 为了促进社会养老服务发展，制定本条例。

第十九条 最低生活保障家庭中的失能、高龄老年人，申请入住政府投资设立的养老机构的，应当安排收住。

第二十三条 养老机构应当与收住的老年人或者其代理人订立养老服务合同，明确双方的权利和义务。

第五十三条 违反本条例规定，养老机构有下列行为之一的，由民政部门责令限期改正；逾期不改正的，处一万元以上三万元以下罚款；情节严重的，处三万元以上十万元以下罚款：

（一）未与老年人或者其代理人订立服务合同的；

（二）未按照有关标准和规定开展服务的。
"""


def test_words_that_only_set_the_matter_need_not_be_in_the_sanction(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某省社会养老服务促进条例.md": _CARE})
    history = [
        {"role": "user", "content": "养老机构收老人入住要签合同吗？"},
        {
            "role": "assistant",
            "content": "根据《某省社会养老服务促进条例》第二十三条，养老机构应当与收住的老年人订立养老服务合同。",
        },
    ]
    text = a.respond("那要是没签合同会怎么处罚？", history).text
    assert "一万元以上三万元以下罚款" in text, text


_WATER = """# 甲市水源保护条例
第一条 为了保护饮用水水源，制定本条例。

第五条 在准保护区内禁止下列行为：

（一）使用含磷洗涤剂；

（二）使用剧毒农药。

第九条 违反本条例规定，在准保护区内使用含磷洗涤剂的，由生态环境主管部门予以警告，对个人可以并处五百元以上二千元以下罚款。

第十条 本条例自2020年3月1日起施行。

第十一条 市人民政府应当建立并实施河长制，组织水源保护工作。
"""


def test_doing_the_act_just_forbidden_asks_for_the_sanction_that_describes_it(tmp_path: Path) -> None:
    # the sanction names the act, not 第五条: found with the previous question's words
    a = library_of(tmp_path, {"甲市水源保护条例.md": _WATER})
    history = [
        {"role": "user", "content": "甲市准保护区里能用含磷洗涤剂吗？"},
        {
            "role": "assistant",
            "content": "根据《甲市水源保护条例》第五条，在准保护区内禁止使用含磷洗涤剂[1]。",
        },
    ]
    answer = a.respond("要是用了，被查到怎么罚？", history=history).answer
    assert not answer.abstained and "五百元以上二千元以下" in answer.text, answer.text


def test_when_a_named_act_starts_is_its_commencement_clause(tmp_path: Path) -> None:
    # "开始实施" asks when the act takes effect, not which article 实施s something
    a = library_of(tmp_path, {"甲市水源保护条例.md": _WATER})
    answer = a.respond("《甲市水源保护条例》什么时候开始实施？").answer
    assert "2020年3月1日" in answer.text, answer.text


_REVISED = """# 乙市物业管理条例

2005年10月26日 乙市第十三届人民代表大会常务委员会第二十四次会议通过

2006年1月1日 施行

2016年4月28日 乙市第十五届人民代表大会常务委员会第三十四次会议修订

2016年7月1日 施行

<!-- INFO END -->

第一条 为了规范物业管理活动，制定本条例。

第二条 业主大会应当依法选举业主委员会。

第四十条 本条例自2016年7月1日起施行。
"""


def test_when_a_revised_act_first_took_effect_is_read_from_its_record_lines(tmp_path: Path) -> None:
    # its last article dates only the revised text
    a = library_of(tmp_path, {"乙市物业管理条例.md": _REVISED})
    first = a.respond("《乙市物业管理条例》最早是哪天施行的？").answer
    assert "2006年1月1日" in first.text and "2016年7月1日" not in first.text, first.text
    now = a.respond("《乙市物业管理条例》什么时候施行？").answer
    assert "2016年7月1日" in now.text, now.text


def test_a_piece_of_an_unsaid_word_is_no_second_word() -> None:
    # "高等" of "高等级" (jieba's search mode gives both) named 第三十条's 高等级列车 as the act
    from assistant.answer.sanctions import whole_words

    assert whole_words([("保证",), ("高等",), ("高等级",)]) == [("保证",), ("高等级",)]
    assert whole_words([("恶意",), ("评级",)]) == [("恶意",), ("评级",)]


_PETS = """# 乙市市容和环境卫生管理条例
第一条 为了加强市容和环境卫生管理，制定本条例。

第三十六条 在城市建成区饲养宠物，不得影响环境卫生，对宠物在道路和其他公共场所产生的粪便，饲养人应当立即清除。

第四十条 临街商户应当履行门前环境卫生责任。

第五十二条 对宠物在道路和其他公共场所产生的粪便，饲养人未立即清除的，责令清除；拒不清除的，处一百元以上二百元以下罚款。

第五十三条 临街商户不履行门前环境卫生责任的，责令改正，可以处五十元罚款。
"""


def test_a_duty_left_undone_asks_for_its_sanction_in_the_words_the_answer_quoted(tmp_path: Path) -> None:
    """ "不清理的话会怎么样" after the duty to clear a pet's droppings: the sanction restates the
    duty as quoted ("饲养人未立即清除的"), not in the asker's words ("狗拉的屎")."""
    a = library_of(tmp_path, {"乙市市容和环境卫生管理条例.md": _PETS})
    history = [
        {"role": "user", "content": "在乙市遛狗，狗在路上拉的屎必须自己收拾吗？"},
        {
            "role": "assistant",
            "content": "必须。《乙市市容和环境卫生管理条例》第三十六条规定，对宠物在道路和其他公共场所产生的粪便，"
            "饲养人应当立即清除。",
        },
    ]
    answer = a.respond("那不清理的话会怎么样？", history=history).answer
    assert "一百元以上二百元以下罚款" in answer.text, answer.text
    assert "五十元罚款" not in answer.text, answer.text


_RECYCLING = """# 丙市再生资源回收利用管理条例
第一条 为了规范再生资源回收利用活动，制定本条例。

第十五条 再生资源回收经营者不得回收公安机关通报寻查的赃物。

经营者发现有赃物嫌疑的物品时，应当立即报告公安机关。

第二十七条 再生资源回收经营者违反本条例第十五条第一款规定，回收赃物的，由公安机关依法处罚。

再生资源回收经营者违反本条例第十五条第二款规定，未向公安机关报告的，由公安机关予以警告；造成严重后果的，处五百元以上一千元以下的罚款。

第二十八条 再生资源回收经营者未如实登记的，由公安机关责令改正。
"""


def test_the_sanction_of_each_paragraph_of_the_article_broken_is_given(tmp_path: Path) -> None:
    """ "要是收了这些东西，会怎么处理？" after an article of two 款: each 款's sanction, in order."""
    a = library_of(tmp_path, {"丙市再生资源回收利用管理条例.md": _RECYCLING})
    history = [
        {"role": "user", "content": "丙市收废品的，哪些东西不能收？"},
        {
            "role": "assistant",
            "content": "《丙市再生资源回收利用管理条例》第十五条规定，再生资源回收经营者不得回收公安机关通报寻查的赃物。",
        },
    ]
    text = a.respond("要是收了这些东西，会怎么处理？", history=history).text
    assert (
        "由公安机关依法处罚" in text
        and "予以警告" in text
        and text.index("依法处罚") < text.index("予以警告")
    ), text
    assert "未如实登记" not in text, text


_BRAVE = """# 丁市保护和奖励见义勇为人员条例
第一条 为了保护和奖励见义勇为人员，制定本条例。

第十条 救治见义勇为人员的医疗费用，本人参加工伤保险的，由工伤保险机构支付；本人未参加工伤保险的，由财政全额支付。

第十一条 因见义勇为致残的，由民政部门按照因公伤残待遇对待。

第十二条 见义勇为人员的事迹由宣传部门宣传。
"""


def test_a_new_matter_borrows_only_the_ask_of_a_last_clause_that_named_its_own(tmp_path: Path) -> None:
    """ "那要是因此落下残疾了呢？" after "…受了伤，医药费谁来出？": who provides for the disabled,
    not the medical costs again."""
    a = library_of(tmp_path, {"丁市保护和奖励见义勇为人员条例.md": _BRAVE})
    history = [
        {"role": "user", "content": "在丁市见义勇为受了伤，医药费谁来出？"},
        {
            "role": "assistant",
            "content": "根据《丁市保护和奖励见义勇为人员条例》第十条，救治见义勇为人员的医疗费用由工伤保险机构支付。",
        },
    ]
    text = a.respond("那要是因此落下残疾了呢？", history=history).text
    assert "因公伤残待遇" in text and "医疗费用" not in text, text


def test_only_asking_the_fine_after_a_duty_asks_its_sanction(tmp_path: Path) -> None:
    a = library_of(
        tmp_path,
        {
            "noise.md": "# 临江市噪声管理条例\n第二十条 每日十二时至十四时，禁止在居民住宅楼内进行产生噪声的装修作业。\n\n"
            "第二十一条 商场应当控制营业设备的音量。\n\n"
            "第四十条 对违反本条例第二十条规定的，由公安机关给予警告；警告后仍不改正的，处以二百元以上五百元以下罚款。\n\n"
            "第四十一条 违反本条例第二十一条规定，商场营业设备音量超标的，处一千元以上五千元以下罚款。\n",
        },
    )
    history = [
        {"role": "user", "content": "临江住宅楼里中午能装修吗？"},
        {
            "role": "assistant",
            "content": "根据《临江市噪声管理条例》第二十条，每日十二时至十四时，禁止在居民住宅楼内进行产生噪声的装修作业。",
        },
    ]
    for question in ("会罚款吗？", "楼上非要在这个时段装修，会被罚款吗？"):
        text = a.respond(question, history=history).answer.text
        assert "二百元以上五百元以下" in text and "一千元" not in text, question
