// The exact files the REFI-QDA export writes for RefiFixture.project: code point
// offsets (the emoji counts one), GUIDs derived from the project's creation time.
enum RefiQDAExpected {
  static let code1 = "47f47aa5-f4df-5121-800c-3d1fc6eb7af8"
  static let document1 = "142d5e44-635c-523b-a7b6-05295ce971d4"
  static let document2 = "1869969c-83f4-5d7b-93a8-20f320810a9a"

  static let project = ##"""
    <?xml version="1.0" encoding="UTF-8"?>
    <Project xmlns="urn:QDA-XML:project:1.0" name="study" origin="Hark" creationDateTime="2026-01-02T03:04:05.000Z">
      <Users>
        <User guid="0d112925-dd41-5a88-8d63-869ca2df29e1" name="ana"/>
        <User guid="ffd054b4-4eaa-500a-ab48-4af3a0637197" name="plugin:org.hark.values@1.0.0"/>
        <User guid="ff263648-3b0d-5607-8ed8-f353b6d210bd" name="bo"/>
        <User guid="e26f4f16-d51e-5c3e-a19f-cecec7966944" name="Hark"/>
        <User guid="fcd47902-a9ed-5e68-a074-68a8778b2df2" name="plugin:org.hark.causal-links@1.0.0"/>
      </Users>
      <CodeBook>
        <Codes>
          <Code guid="9f75f3ef-7da9-5f11-a3f9-d9ad22b12f17" name="feeling alone" isCodable="true"/>
          <Code guid="47f47aa5-f4df-5121-800c-3d1fc6eb7af8" name="Support" isCodable="true" color="#1F77B4">
            <Description>Help from others &amp; "kindness"</Description>
            <NoteRef targetGUID="f07e7a68-fc4f-5d7d-ab68-b584811765a1"/>
            <Code guid="4e39bad8-12b8-5441-a221-ec80fe4213ac" name="peer support" isCodable="true" color="#AEC7E8"/>
          </Code>
        </Codes>
      </CodeBook>
      <Variables>
        <Variable guid="429cf305-306f-579d-87c7-16986b6f911e" name="group" typeOfVariable="Text"/>
        <Variable guid="f606569f-608d-5b57-a802-a88ed7bd9077" name="role" typeOfVariable="Text"/>
        <Variable guid="e2fdc5c6-ea45-53ca-9964-0f8d5556a136" name="age band" typeOfVariable="Text"/>
        <Variable guid="5beb5910-3435-5a05-8508-ab2bda97d8aa" name="area" typeOfVariable="Text"/>
      </Variables>
      <Cases>
        <Case guid="a57e880c-079b-5f0f-b648-67dd7bb8f5f6" name="Amina">
          <VariableValue>
            <VariableRef targetGUID="429cf305-306f-579d-87c7-16986b6f911e"/>
            <TextValue>people using services</TextValue>
          </VariableValue>
          <VariableValue>
            <VariableRef targetGUID="f606569f-608d-5b57-a802-a88ed7bd9077"/>
            <TextValue>participant</TextValue>
          </VariableValue>
          <VariableValue>
            <VariableRef targetGUID="e2fdc5c6-ea45-53ca-9964-0f8d5556a136"/>
            <TextValue>30-39</TextValue>
          </VariableValue>
          <VariableValue>
            <VariableRef targetGUID="5beb5910-3435-5a05-8508-ab2bda97d8aa"/>
            <TextValue>north</TextValue>
          </VariableValue>
          <SourceRef targetGUID="142d5e44-635c-523b-a7b6-05295ce971d4"/>
        </Case>
        <Case guid="5177b8bd-ac29-5fed-83cd-d3b84ea4f3c8" name="Grace">
          <VariableValue>
            <VariableRef targetGUID="429cf305-306f-579d-87c7-16986b6f911e"/>
            <TextValue>carers</TextValue>
          </VariableValue>
          <VariableValue>
            <VariableRef targetGUID="f606569f-608d-5b57-a802-a88ed7bd9077"/>
            <TextValue>participant</TextValue>
          </VariableValue>
          <SourceRef targetGUID="1869969c-83f4-5d7b-93a8-20f320810a9a"/>
        </Case>
        <Case guid="4f7121e4-463c-51c6-9cdf-c3ff0b33c458" name="Ruth">
          <VariableValue>
            <VariableRef targetGUID="429cf305-306f-579d-87c7-16986b6f911e"/>
            <TextValue></TextValue>
          </VariableValue>
          <VariableValue>
            <VariableRef targetGUID="f606569f-608d-5b57-a802-a88ed7bd9077"/>
            <TextValue>interviewer</TextValue>
          </VariableValue>
          <SourceRef targetGUID="142d5e44-635c-523b-a7b6-05295ce971d4"/>
        </Case>
      </Cases>
      <Sources>
        <TextSource guid="142d5e44-635c-523b-a7b6-05295ce971d4" name="interview-1" plainTextPath="internal://142d5e44-635c-523b-a7b6-05295ce971d4.txt" creatingUser="0d112925-dd41-5a88-8d63-869ca2df29e1" creationDateTime="2026-01-02T03:04:05.000Z">
          <PlainTextSelection guid="d00f8ee1-16e3-52ce-a5ae-daa380533176" startPosition="40" endPosition="83" creatingUser="fcd47902-a9ed-5e68-a074-68a8778b2df2" creationDateTime="2026-01-02T03:04:05.000Z">
            <NoteRef targetGUID="1ad9deab-e9bf-5a9a-8e13-f6f09a775cce"/>
          </PlainTextSelection>
          <PlainTextSelection guid="eb799766-eb4f-5823-9910-c51f1ee5d5e9" name="peer support" startPosition="44" endPosition="66" creatingUser="0d112925-dd41-5a88-8d63-869ca2df29e1" creationDateTime="2026-01-02T03:04:05.000Z">
            <Coding guid="10c3d4cd-84c4-5752-bedf-95e66c1194c0" creatingUser="0d112925-dd41-5a88-8d63-869ca2df29e1" creationDateTime="2026-01-02T03:04:05.000Z">
              <CodeRef targetGUID="4e39bad8-12b8-5441-a221-ec80fe4213ac"/>
            </Coding>
          </PlainTextSelection>
          <PlainTextSelection guid="8d01a91c-d579-5fe2-931c-46598fc8535b" name="feeling alone" startPosition="72" endPosition="82" creatingUser="ffd054b4-4eaa-500a-ab48-4af3a0637197" creationDateTime="2026-01-02T03:04:05.000Z">
            <Description>keyword "alone"</Description>
            <Coding guid="76f965a4-5d4e-5626-a1de-1c787698fe63" creatingUser="ffd054b4-4eaa-500a-ab48-4af3a0637197" creationDateTime="2026-01-02T03:04:05.000Z">
              <CodeRef targetGUID="9f75f3ef-7da9-5f11-a3f9-d9ad22b12f17"/>
            </Coding>
          </PlainTextSelection>
          <PlainTextSelection guid="8d3eea1b-b89f-5724-b450-635da7f4c165" startPosition="91" endPosition="99" creatingUser="0d112925-dd41-5a88-8d63-869ca2df29e1" creationDateTime="2026-01-02T03:04:05.000Z">
            <NoteRef targetGUID="55265737-7df7-5cfa-b9aa-b482bfa14695"/>
          </PlainTextSelection>
        </TextSource>
        <TextSource guid="1869969c-83f4-5d7b-93a8-20f320810a9a" name="interview-2" plainTextPath="internal://1869969c-83f4-5d7b-93a8-20f320810a9a.txt" creatingUser="0d112925-dd41-5a88-8d63-869ca2df29e1" creationDateTime="2026-01-02T03:04:05.000Z">
          <PlainTextSelection guid="f1ae1e0f-d4d3-5f95-acca-df4ff0b554d0" name="peer support" startPosition="7" endPosition="33" creatingUser="ff263648-3b0d-5607-8ed8-f353b6d210bd" creationDateTime="2026-01-02T03:04:05.000Z">
            <Coding guid="1d576f41-3639-5a2c-8462-8d08c8d5c400" creatingUser="ff263648-3b0d-5607-8ed8-f353b6d210bd" creationDateTime="2026-01-02T03:04:05.000Z">
              <CodeRef targetGUID="4e39bad8-12b8-5441-a221-ec80fe4213ac"/>
            </Coding>
          </PlainTextSelection>
        </TextSource>
      </Sources>
      <Notes>
        <Note guid="9e1fef2d-966d-58f3-b2bb-b36040faef1a" name="Hark concepts" creatingUser="e26f4f16-d51e-5c3e-a19f-cecec7966944" creationDateTime="2026-01-02T03:04:05.000Z">
          <PlainTextContent>Hark concepts (2): label, mentions, documents, sources
    C1 peer group: 1 mentions, 1 documents, 1 sources
    C2 less alone: 0 mentions, 0 documents, 0 sources
    </PlainTextContent>
        </Note>
        <Note guid="1ad9deab-e9bf-5a9a-8e13-f6f09a775cce" name="Hark link L1: peer group → less alone" creatingUser="e26f4f16-d51e-5c3e-a19f-cecec7966944" creationDateTime="2026-01-02T03:04:05.000Z">
          <PlainTextContent>Hark link L1: peer group → less alone
    status: accepted
    polarity: +, strength: 0.6, weight: 0.6 (from the evidence)
    quotes: 1 from 1 sources

    Quotes:
    - interview-1 [40, 83) — Amina, people using services: “The peer group 🙂 helped me feel less alone.” (polarity +, strength 0.6, confidence 0.7) pattern "X helped me Y"
    </PlainTextContent>
        </Note>
        <Note guid="55265737-7df7-5cfa-b9aa-b482bfa14695" name="On naivety" creatingUser="0d112925-dd41-5a88-8d63-869ca2df29e1" creationDateTime="2026-01-02T03:04:05.000Z">
          <PlainTextContent>She laughs here.&#13;
    Check the recording.</PlainTextContent>
        </Note>
        <Note guid="f07e7a68-fc4f-5d7d-ab68-b584811765a1" name="Codebook" creatingUser="ff263648-3b0d-5607-8ed8-f353b6d210bd" creationDateTime="2026-01-02T03:04:05.000Z">
          <PlainTextContent>Support covers &lt;all&gt; help.</PlainTextContent>
        </Note>
        <Note guid="deddd2bb-f0e6-523b-bfcb-8053f6e7a8cc" name="Project memo" creatingUser="0d112925-dd41-5a88-8d63-869ca2df29e1" creationDateTime="2026-01-02T03:04:05.000Z">
          <PlainTextContent>Second round due in May.</PlainTextContent>
        </Note>
      </Notes>
      <NoteRef targetGUID="9e1fef2d-966d-58f3-b2bb-b36040faef1a"/>
      <NoteRef targetGUID="1ad9deab-e9bf-5a9a-8e13-f6f09a775cce"/>
      <NoteRef targetGUID="deddd2bb-f0e6-523b-bfcb-8053f6e7a8cc"/>
    </Project>

    """##

  static let codebook = ##"""
    <?xml version="1.0" encoding="UTF-8"?>
    <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Hark">
      <Codes>
        <Code guid="9f75f3ef-7da9-5f11-a3f9-d9ad22b12f17" name="feeling alone" isCodable="true"/>
        <Code guid="47f47aa5-f4df-5121-800c-3d1fc6eb7af8" name="Support" isCodable="true" color="#1F77B4">
          <Description>Help from others &amp; "kindness"</Description>
          <Code guid="4e39bad8-12b8-5441-a221-ec80fe4213ac" name="peer support" isCodable="true" color="#AEC7E8"/>
        </Code>
      </Codes>
    </CodeBook>

    """##
}
