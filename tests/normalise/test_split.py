from councilplans.normalise.split import leading_ref, piece_for, split_actions


def test_several_numbered_actions_in_one_cell_split_in_order():
    text = ("1.3.1 Continued Implementation of lessons learned.1.3.2 Utilise existing "
            "national training material.")
    assert split_actions(text) == [
        ("1.3.1", "Continued Implementation of lessons learned."),
        ("1.3.2", "Utilise existing national training material."),
    ]


def test_numbers_inside_a_sentence_do_not_split():
    assert split_actions("1.2 Review the plan against version 2.1 of the guidance") == []


def test_each_action_takes_its_own_timescale_and_a_bare_number_is_no_lead():
    refs = ["1.3.1", "1.3.2"]
    assert piece_for("1.3.1 Ongoing1.3.2 May 2013", "1.3.1", refs) == "Ongoing"
    assert piece_for("1.3.1 Ongoing1.3.2 May 2013", "1.3.2", refs) == "May 2013"
    assert piece_for("1.3.1", "1.3.1", refs) is None
    assert piece_for("1.3.1", "1.3.2", refs) is None
    assert piece_for("Community Safety Team", "1.3.2", refs) == "Community Safety Team"


def test_leading_ref():
    assert leading_ref("1.2.1 Multi-agency partnership") == ("1.2.1", "Multi-agency partnership")
    assert leading_ref("1.4.5. September 2013") == ("1.4.5", "September 2013")
    assert leading_ref("1) To implement") == (None, "1) To implement")
