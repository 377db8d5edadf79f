-- Demo data: the towns of Yong'an (永安镇) and Guandu (官渡镇), their villages, catalogues,
-- teams and staff. Applied at start-up when doorstep.demo.enabled=true (dev and demo
-- profiles only); every statement is idempotent, so a restart changes nothing.
-- Village names other than 心源村 and all coordinates are illustrative.

INSERT INTO town (code, ticket_prefix, name, time_zone) VALUES
    ('YONGAN', 'YA', '永安镇', 'Asia/Shanghai'),
    ('GUANDU', 'GD', '官渡镇', 'Asia/Shanghai')
ON CONFLICT (code) DO NOTHING;

INSERT INTO village (town_id, code, name, latitude, longitude)
SELECT t.id, v.code, v.name, v.lat, v.lon
  FROM town t
  JOIN (VALUES
    ('YONGAN', 'XINYUAN',  '心源村', 28.271200, 113.864100),
    ('YONGAN', 'FURONG',   '芙蓉村', 28.283500, 113.851900),
    ('YONGAN', 'YONGHE',   '永和村', 28.259800, 113.878600),
    ('YONGAN', 'PINGTOU',  '坪头村', 28.296100, 113.872300),
    ('YONGAN', 'HUTANG',   '湖塘村', 28.247300, 113.846800),
    ('YONGAN', 'TAOHUA',   '桃花村', 28.305400, 113.840200),
    ('YONGAN', 'SHIWAN',   '石湾村', 28.238900, 113.889500),
    ('YONGAN', 'FENGLIN',  '枫林村', 28.289700, 113.897400),
    ('YONGAN', 'DONGYANG', '洞阳村', 28.262600, 113.826100),
    ('YONGAN', 'FENGYU',   '丰裕村', 28.312800, 113.861500),
    ('YONGAN', 'XIHU',     '西湖村', 28.228400, 113.861200),
    ('YONGAN', 'LIHUA',    '礼花村', 28.276300, 113.905800),
    ('GUANDU', 'GUANDU',   '官渡村', 28.452300, 114.031600),
    ('GUANDU', 'ZHULIAN',  '竹联村', 28.468900, 114.052400),
    ('GUANDU', 'MEITIAN',  '梅田村', 28.439100, 114.017800)
  ) AS v (town, code, name, lat, lon) ON v.town = t.code
ON CONFLICT (town_id, code) DO NOTHING;

INSERT INTO service_type (town_id, code, name, biometric, duration_minutes, deadline_days)
SELECT t.id, s.code, s.name, s.biometric, s.minutes, s.days
  FROM town t
 CROSS JOIN (VALUES
    ('RETIREMENT_CERTIFICATION',    '退休资格认证', true,  30,  5),
    ('SOCIAL_SECURITY_CARD',        '社保卡申领',   false, 40, 10),
    ('DISABILITY_CERTIFICATE',      '残疾人证办理', false, 60, 15),
    ('MEDICAL_INSURANCE_ENROLMENT', '医保参保登记', false, 30,  5),
    ('ELDERLY_ALLOWANCE',           '高龄津贴申领', true,  30, 10)
  ) AS s (code, name, biometric, minutes, days)
 WHERE t.code IN ('YONGAN', 'GUANDU')
ON CONFLICT (town_id, code) DO NOTHING;

INSERT INTO service_type_capture (service_type_id, kind, position)
SELECT st.id, c.kind, c.position
  FROM service_type st
  JOIN town t ON t.id = st.town_id AND t.code IN ('YONGAN', 'GUANDU')
  JOIN (VALUES
    ('RETIREMENT_CERTIFICATION',    'FACE_PHOTO',         0),
    ('RETIREMENT_CERTIFICATION',    'ID_CARD_FRONT',      1),
    ('RETIREMENT_CERTIFICATION',    'ID_CARD_BACK',       2),
    ('RETIREMENT_CERTIFICATION',    'APPLICATION_FORM',   3),
    ('SOCIAL_SECURITY_CARD',        'ID_CARD_FRONT',      0),
    ('SOCIAL_SECURITY_CARD',        'ID_CARD_BACK',       1),
    ('SOCIAL_SECURITY_CARD',        'PORTRAIT_PHOTO',     2),
    ('SOCIAL_SECURITY_CARD',        'APPLICATION_FORM',   3),
    ('SOCIAL_SECURITY_CARD',        'SIGNATURE',          4),
    ('DISABILITY_CERTIFICATE',      'ID_CARD_FRONT',      0),
    ('DISABILITY_CERTIFICATE',      'MEDICAL_REPORT',     1),
    ('DISABILITY_CERTIFICATE',      'APPLICATION_FORM',   2),
    ('DISABILITY_CERTIFICATE',      'SIGNATURE',          3),
    ('MEDICAL_INSURANCE_ENROLMENT', 'ID_CARD_FRONT',      0),
    ('MEDICAL_INSURANCE_ENROLMENT', 'HOUSEHOLD_REGISTER', 1),
    ('MEDICAL_INSURANCE_ENROLMENT', 'SIGNATURE',          2),
    ('ELDERLY_ALLOWANCE',           'FACE_PHOTO',         0),
    ('ELDERLY_ALLOWANCE',           'ID_CARD_FRONT',      1),
    ('ELDERLY_ALLOWANCE',           'BANK_CARD',          2),
    ('ELDERLY_ALLOWANCE',           'APPLICATION_FORM',   3)
  ) AS c (service, kind, position) ON c.service = st.code
ON CONFLICT DO NOTHING;

INSERT INTO team (town_id, name)
SELECT t.id, v.name
  FROM town t
  JOIN (VALUES
    ('YONGAN', '永安一队'),
    ('YONGAN', '永安二队'),
    ('YONGAN', '永安三队'),
    ('GUANDU', '官渡一队')
  ) AS v (town, name) ON v.town = t.code
ON CONFLICT (town_id, name) DO NOTHING;

INSERT INTO team_village (town_id, team_id, village_id)
SELECT t.id, tm.id, vl.id
  FROM (VALUES
    ('YONGAN', '永安一队', 'XINYUAN'), ('YONGAN', '永安一队', 'FURONG'),
    ('YONGAN', '永安一队', 'PINGTOU'), ('YONGAN', '永安一队', 'TAOHUA'),
    ('YONGAN', '永安二队', 'YONGHE'),  ('YONGAN', '永安二队', 'SHIWAN'),
    ('YONGAN', '永安二队', 'FENGLIN'), ('YONGAN', '永安二队', 'LIHUA'),
    ('YONGAN', '永安三队', 'HUTANG'),  ('YONGAN', '永安三队', 'DONGYANG'),
    ('YONGAN', '永安三队', 'FENGYU'),  ('YONGAN', '永安三队', 'XIHU'),
    ('GUANDU', '官渡一队', 'GUANDU'),  ('GUANDU', '官渡一队', 'ZHULIAN'),
    ('GUANDU', '官渡一队', 'MEITIAN')
  ) AS c (town, team, village)
  JOIN town t ON t.code = c.town
  JOIN team tm ON tm.town_id = t.id AND tm.name = c.team
  JOIN village vl ON vl.town_id = t.id AND vl.code = c.village
ON CONFLICT DO NOTHING;

INSERT INTO staff (town_id, username, display_name, phone, roles, team_id)
SELECT t.id, s.username, s.display_name, s.phone, s.roles::text[], tm.id
  FROM (VALUES
    ('YONGAN', 'admin',         '信息员 周敏',   '0731-83010001', '{admin,county_admin}', NULL),
    ('YONGAN', 'supervisor',    '镇长 刘建国',   '0731-83010002', '{supervisor}',  NULL),
    ('YONGAN', 'dispatcher',    '调度员 陈芳',   '0731-83010003', '{dispatcher}',  NULL),
    ('YONGAN', 'operator',      '话务员 李娟',   '0731-83010004', '{operator}',    NULL),
    ('YONGAN', 'agent1',        '队员 王强',     '13800000001',   '{field_agent}', '永安一队'),
    ('YONGAN', 'agent2',        '队员 张丽',     '13800000002',   '{field_agent}', '永安一队'),
    ('YONGAN', 'agent3',        '队员 赵磊',     '13800000003',   '{field_agent}', '永安二队'),
    ('YONGAN', 'agent4',        '队员 孙婷',     '13800000004',   '{field_agent}', '永安二队'),
    ('YONGAN', 'agent5',        '队员 周杰',     '13800000005',   '{field_agent}', '永安三队'),
    ('YONGAN', 'agent6',        '队员 吴静',     '13800000006',   '{field_agent}', '永安三队'),
    ('GUANDU', 'gd-admin',      '信息员 黄海',   '0731-83020001', '{admin}',       NULL),
    ('GUANDU', 'gd-dispatcher', '调度员 何琳',   '0731-83020003', '{dispatcher}',  NULL),
    ('GUANDU', 'gd-operator',   '话务员 罗红',   '0731-83020004', '{operator}',    NULL),
    ('GUANDU', 'gd-agent1',     '队员 邓军',     '13800000011',   '{field_agent}', '官渡一队'),
    ('GUANDU', 'gd-agent2',     '队员 曾敏',     '13800000012',   '{field_agent}', '官渡一队')
  ) AS s (town, username, display_name, phone, roles, team)
  JOIN town t ON t.code = s.town
  LEFT JOIN team tm ON tm.town_id = t.id AND tm.name = s.team
ON CONFLICT (username) DO NOTHING;

-- Working hours of the demo teams: Monday to Friday, 08:30-12:00 and 14:30-17:30.
INSERT INTO team_hours (team_id, weekday, starts, ends)
SELECT tm.id, d.weekday, h.starts, h.ends
  FROM team tm
  JOIN town t ON t.id = tm.town_id AND t.code IN ('YONGAN', 'GUANDU')
 CROSS JOIN generate_series(1, 5) AS d (weekday)
 CROSS JOIN (VALUES (time '08:30', time '12:00'), (time '14:30', time '17:30')) AS h (starts, ends)
ON CONFLICT DO NOTHING;
